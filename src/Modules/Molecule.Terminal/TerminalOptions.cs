using Microsoft.Extensions.Configuration;

namespace Molecule.Terminal;

/// <summary>Terminal settings, under environment variable names.</summary>
internal sealed class TerminalOptions
{
    public const double MaxIdleMinutes = 24 * 60;

    /// <summary>
    /// A session with no input for this long is closed (the reference: 30 minutes). Fractions are
    /// allowed (0.5 = 30 seconds). Output does not count: an abandoned tab running <c>top</c> is still idle.
    /// </summary>
    [ConfigurationKeyName("TERMINAL_IDLE_MINUTES")]
    public double IdleMinutes { get; set; } = 30;

    /// <summary>The user the EC2 terminal and its diagnose log in as (the AMI's default user).</summary>
    [ConfigurationKeyName("WORKSPACE_EC2_OS_USER")]
    public string Ec2OsUser { get; set; } = "ubuntu";

    public TimeSpan IdleTimeout => TimeSpan.FromMinutes(IdleMinutes);
}
