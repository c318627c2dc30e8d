using Microsoft.Extensions.Configuration;

namespace Molecule.Ssh;

/// <summary>
/// SSH session settings, bound from the <c>Ssh</c> section (<c>Ssh:SessionIdleSeconds</c>,
/// env <c>Ssh__SessionIdleSeconds</c>) and from the flat environment names in <see cref="EnvironmentNames"/>
/// (<c>SSH_SESSION_IDLE_SECONDS</c>), which win when both are set.
/// </summary>
public sealed class SshOptions
{
    public const string Section = "Ssh";

    /// <summary>The flat environment variable for each setting.</summary>
    public static readonly IReadOnlyDictionary<string, string> EnvironmentNames = new Dictionary<string, string>
    {
        [nameof(SessionIdleSeconds)] = "SSH_SESSION_IDLE_SECONDS",
        [nameof(ConnectTimeoutSeconds)] = "SSH_CONNECT_TIMEOUT_SECONDS",
        [nameof(OpenTimeoutSeconds)] = "SSH_OPEN_TIMEOUT_SECONDS",
        [nameof(KeepAliveSeconds)] = "SSH_KEEPALIVE_SECONDS",
        [nameof(MaxOutputBytes)] = "SSH_MAX_OUTPUT_BYTES",
    };

    /// <summary>
    /// How long an unused authenticated session stays open for the next call to the same workspace
    /// (so a file list followed by a read pays the key push + tunnel + handshake once). 0 closes a
    /// session as soon as its last user is done.
    /// </summary>
    public int SessionIdleSeconds { get; set; } = 60;

    /// <summary>Bound on TCP connect + SSH handshake + authentication against an endpoint.</summary>
    public int ConnectTimeoutSeconds { get; set; } = 15;

    /// <summary>Bound on opening a new session end to end: the transport (key push, tunnel) and the connect.</summary>
    public int OpenTimeoutSeconds { get; set; } = 45;

    /// <summary>SSH keep-alive interval inside the encrypted channel, so idle tunnels and NATs stay open. 0 disables.</summary>
    public int KeepAliveSeconds { get; set; } = 15;

    /// <summary>Default cap on the stdout and on the stderr one command may return; the rest is drained and dropped.</summary>
    public int MaxOutputBytes { get; set; } = 16 * 1024 * 1024;

    public TimeSpan SessionIdle => TimeSpan.FromSeconds(SessionIdleSeconds);

    public TimeSpan ConnectTimeout => TimeSpan.FromSeconds(ConnectTimeoutSeconds);

    public TimeSpan OpenTimeout => TimeSpan.FromSeconds(OpenTimeoutSeconds);

    public TimeSpan KeepAlive => KeepAliveSeconds == 0 ? Timeout.InfiniteTimeSpan : TimeSpan.FromSeconds(KeepAliveSeconds);

    /// <summary>Binds the section, then the flat environment names on top.</summary>
    public static void Bind(IConfiguration configuration, SshOptions options)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(options);
        configuration.GetSection(Section).Bind(options);
        options.SessionIdleSeconds = Flat(configuration, nameof(SessionIdleSeconds)) ?? options.SessionIdleSeconds;
        options.ConnectTimeoutSeconds = Flat(configuration, nameof(ConnectTimeoutSeconds)) ?? options.ConnectTimeoutSeconds;
        options.OpenTimeoutSeconds = Flat(configuration, nameof(OpenTimeoutSeconds)) ?? options.OpenTimeoutSeconds;
        options.KeepAliveSeconds = Flat(configuration, nameof(KeepAliveSeconds)) ?? options.KeepAliveSeconds;
        options.MaxOutputBytes = Flat(configuration, nameof(MaxOutputBytes)) ?? options.MaxOutputBytes;
    }

    private static int? Flat(IConfiguration configuration, string property) =>
        configuration.GetValue<int?>(EnvironmentNames[property]);
}
