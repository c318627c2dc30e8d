using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Molecule.Provisioner.Docker;

/// <summary>
/// How workspace containers are run, under the reference's environment variable names where it
/// had one (spec/backends.md §12). Tier overrides are kept as text: the reference ignores a value
/// that is not a positive integer instead of refusing to start.
/// </summary>
internal sealed class DockerProvisionerOptions
{
    public const string DefaultNetwork = "molecule-monorepo-net";
    public const string HostNetwork = "host";

    /// <summary>The Docker network containers join; <c>host</c> shares the host's network (agents on loopback).</summary>
    [ConfigurationKeyName("DOCKER_NETWORK")]
    public string? Network { get; set; }

    /// <summary>The port the platform listens on, for the default PLATFORM_URL when the bound port is unknown.</summary>
    [ConfigurationKeyName("PORT")]
    public string? Port { get; set; }

    /// <summary>Default host directory for <c>/workspace</c>; only bound when the row's access is read_only/read_write.</summary>
    [ConfigurationKeyName("WORKSPACE_DIR")]
    public string? WorkspaceDir { get; set; }

    [ConfigurationKeyName("AWARENESS_URL")]
    public string? AwarenessUrl { get; set; }

    [ConfigurationKeyName("TIER2_MEMORY_MB")]
    public string? Tier2MemoryMb { get; set; }

    [ConfigurationKeyName("TIER3_MEMORY_MB")]
    public string? Tier3MemoryMb { get; set; }

    [ConfigurationKeyName("TIER4_MEMORY_MB")]
    public string? Tier4MemoryMb { get; set; }

    [ConfigurationKeyName("TIER2_CPU_SHARES")]
    public string? Tier2CpuShares { get; set; }

    [ConfigurationKeyName("TIER3_CPU_SHARES")]
    public string? Tier3CpuShares { get; set; }

    [ConfigurationKeyName("TIER4_CPU_SHARES")]
    public string? Tier4CpuShares { get; set; }

    /// <summary>Registry credentials for image refreshes of ghcr.io images (both or neither).</summary>
    [ConfigurationKeyName("GHCR_USER")]
    public string? GhcrUser { get; set; }

    [ConfigurationKeyName("GHCR_TOKEN")]
    public string? GhcrToken { get; set; }

    /// <summary>
    /// Ours: extra <c>key=value</c> labels (comma-separated) put on every container and volume this
    /// server creates. The watcher and the reconcile loop only look at resources carrying all of
    /// them, so several servers (or test runs) can share one Docker engine without removing each
    /// other's containers.
    /// </summary>
    [ConfigurationKeyName("MOLECULE_DOCKER_LABELS")]
    public string? ExtraLabels { get; set; }

    /// <summary>How often running containers and workspace rows are compared (the reference's orphan sweep: 60 s).</summary>
    [ConfigurationKeyName("Provisioner:ReconcileIntervalSeconds")]
    public int ReconcileIntervalSeconds { get; set; } = 60;

    /// <summary>
    /// Ours: the reconcile loop only judges containers, volumes and rows older than this, so it never
    /// races a workspace that is being created or a row written a moment before its container.
    /// </summary>
    [ConfigurationKeyName("Provisioner:ReconcileMinAgeSeconds")]
    public int ReconcileMinAgeSeconds { get; set; } = 60;

    /// <summary>How long a start waits for the engine to answer before failing the workspace.</summary>
    [ConfigurationKeyName("Provisioner:EngineTimeoutSeconds")]
    public int EngineTimeoutSeconds { get; set; } = 10;

    public string EffectiveNetwork => string.IsNullOrWhiteSpace(Network) ? DefaultNetwork : Network.Trim();

    public bool UsesHostNetwork => EffectiveNetwork == HostNetwork;

    /// <summary>PORT, or the reference's 8080 when unset or not a port.</summary>
    public int PortOrDefault =>
        int.TryParse(Port, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is >= 1 and <= 65535 ? port : 8080;

    public TierOverrides TierOverrides => new(
        Positive(Tier2MemoryMb), Positive(Tier3MemoryMb), Positive(Tier4MemoryMb),
        Positive(Tier2CpuShares), Positive(Tier3CpuShares), Positive(Tier4CpuShares));

    public IReadOnlyDictionary<string, string> ParsedExtraLabels => DockerLabels.Parse(ExtraLabels).Labels;

    public TimeSpan ReconcileInterval => TimeSpan.FromSeconds(ReconcileIntervalSeconds);

    public TimeSpan ReconcileMinAge => TimeSpan.FromSeconds(ReconcileMinAgeSeconds);

    public TimeSpan EngineTimeout => TimeSpan.FromSeconds(EngineTimeoutSeconds);

    public DockerRegistryAuthSetting? GhcrAuth =>
        string.IsNullOrWhiteSpace(GhcrUser) || string.IsNullOrWhiteSpace(GhcrToken)
            ? null
            : new DockerRegistryAuthSetting(GhcrUser.Trim(), GhcrToken.Trim());

    /// <summary>Every reason these settings cannot work, naming the variable.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (!DockerNames.IsValidNetwork(EffectiveNetwork))
        {
            problems.Add($"DOCKER_NETWORK must be a Docker network name such as molecule-monorepo-net or host (got '{Network}')");
        }

        if (DockerLabels.Parse(ExtraLabels).Error is { } labelError)
        {
            problems.Add(labelError);
        }

        if (ReconcileIntervalSeconds is < 1 or > 86_400)
        {
            problems.Add("Provisioner:ReconcileIntervalSeconds must be between 1 and 86400");
        }

        if (ReconcileMinAgeSeconds is < 0 or > 86_400)
        {
            problems.Add("Provisioner:ReconcileMinAgeSeconds must be between 0 and 86400");
        }

        if (EngineTimeoutSeconds is < 1 or > 600)
        {
            problems.Add("Provisioner:EngineTimeoutSeconds must be between 1 and 600");
        }

        return problems;
    }

    private static int? Positive(string? value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed > 0 ? parsed : null;
}

/// <summary>ghcr.io credentials for image refreshes.</summary>
internal sealed record DockerRegistryAuthSetting(string User, string Token);
