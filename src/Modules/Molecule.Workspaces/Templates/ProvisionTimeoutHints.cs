namespace Molecule.Workspaces.Templates;

/// <summary>
/// How long the canvas should wait for a runtime before it shows a provisioning timeout: the
/// largest <c>runtime_config.provision_timeout_seconds</c> any template of that runtime declares.
/// Read once per process, as in the reference.
/// </summary>
internal sealed class ProvisionTimeoutHints(ConfigsDirectory configs)
{
    private readonly Lazy<IReadOnlyDictionary<string, long>> _millisecondsByRuntime = new(() => Load(configs));

    /// <summary>The hint in milliseconds, or null when no template of <paramref name="runtime"/> declares one.</summary>
    public long? MillisecondsFor(string runtime) =>
        _millisecondsByRuntime.Value.TryGetValue(runtime, out var milliseconds) ? milliseconds : null;

    private static Dictionary<string, long> Load(ConfigsDirectory configs)
    {
        var hints = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var directory in configs.TemplateDirectories())
        {
            var config = TemplateConfig.ReadFrom(directory);
            if (config.Runtime is not { } runtime || config.ProvisionTimeoutSeconds is not > 0)
            {
                continue;
            }

            var milliseconds = config.ProvisionTimeoutSeconds.Value * 1000L;
            hints[runtime] = hints.TryGetValue(runtime, out var existing) ? Math.Max(existing, milliseconds) : milliseconds;
        }

        return hints;
    }
}
