using Microsoft.Extensions.Configuration;

namespace Molecule.Files;

internal sealed class FilesOptions
{
    public const long DefaultMaxFileBytes = 10 * 1024 * 1024;

    /// <summary>File content travels inside JSON and is held in memory: a gigabyte is already far past sensible.</summary>
    public const long MaxAllowedFileBytes = 1024 * 1024 * 1024;

    /// <summary>Largest file content read or written through the files API (a bulk replace counts its files together).</summary>
    [ConfigurationKeyName("FILES_MAX_BYTES")]
    public long MaxFileBytes { get; set; } = DefaultMaxFileBytes;

    /// <summary>
    /// The image of the short-lived container that writes into a stopped workspace's config volume.
    /// Never pulled: it must exist on the engine (the reference used <c>alpine:latest</c> the same way).
    /// </summary>
    [ConfigurationKeyName("FILES_HELPER_IMAGE")]
    public string HelperImage { get; set; } = "alpine:latest";

    /// <summary>Upper bound for one files operation against the engine (exec, archive, helper container).</summary>
    [ConfigurationKeyName("FILES_DOCKER_TIMEOUT_SECONDS")]
    public int DockerTimeoutSeconds { get; set; } = 60;

    public TimeSpan DockerTimeout => TimeSpan.FromSeconds(DockerTimeoutSeconds);

    /// <summary>A JSON body may escape content (<c>\n</c>, <c>\"</c>): allow twice the content cap plus room for the envelope.</summary>
    public long MaxBodyBytes => (2 * MaxFileBytes) + (64 * 1024);
}
