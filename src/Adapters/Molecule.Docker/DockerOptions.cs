using Microsoft.Extensions.Configuration;

namespace Molecule.Docker;

/// <summary>How to reach the Docker engine. Bound from the Docker CLI's own variable names where they exist.</summary>
public sealed class DockerOptions
{
    public const string DefaultHost = "unix:///var/run/docker.sock";

    /// <summary>The engine's unix socket as <c>unix:///path</c>. Empty means <see cref="DefaultHost"/>.</summary>
    [ConfigurationKeyName("DOCKER_HOST")]
    public string? Host { get; set; }

    /// <summary>
    /// Pins the API version (e.g. <c>1.41</c>) instead of negotiating it with the daemon once (<c>GET /version</c>).
    /// </summary>
    [ConfigurationKeyName("DOCKER_API_VERSION")]
    public string? ApiVersion { get; set; }

    /// <summary>
    /// Upper bound for one call to the engine. For exec, log and archive streams it bounds only the
    /// opening of the stream; pulls, imports, waits and event streams run until the engine is done or
    /// the caller cancels (the library reads those answers to their end).
    /// </summary>
    [ConfigurationKeyName("DOCKER_REQUEST_TIMEOUT_SECONDS")]
    public int RequestTimeoutSeconds { get; set; } = 60;

    public string EffectiveHost => string.IsNullOrWhiteSpace(Host) ? DefaultHost : Host.Trim();

    public TimeSpan RequestTimeout => TimeSpan.FromSeconds(RequestTimeoutSeconds);
}
