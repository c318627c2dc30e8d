using Molecule.Docker.Workspaces;

namespace Molecule.Provisioner.Docker;

/// <summary>The labels that mark a container or volume as this server's, and how to filter by them.</summary>
internal static class DockerLabels
{
    /// <summary>Parses <c>key=value,key2=value2</c>; an error names the bad entry.</summary>
    public static (IReadOnlyDictionary<string, string> Labels, string? Error) Parse(string? setting)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in (setting ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var separator = entry.IndexOf('=', StringComparison.Ordinal);
            var key = separator < 0 ? entry : entry[..separator].Trim();
            if (separator <= 0 || key.Length == 0 || key.Any(char.IsWhiteSpace) || key.StartsWith("molecule.platform.", StringComparison.Ordinal)
                || key == WorkspaceContainers.WorkspaceLabel)
            {
                return (new Dictionary<string, string>(), $"MOLECULE_DOCKER_LABELS entries must be key=value with a key of our own (got '{entry}')");
            }

            labels[key] = entry[(separator + 1)..].Trim();
        }

        return (labels, null);
    }

    /// <summary>The workspace's own labels plus the configured extra ones.</summary>
    public static Dictionary<string, string> For(Guid workspaceId, IReadOnlyDictionary<string, string> extra)
    {
        var labels = new Dictionary<string, string>(WorkspaceContainers.Labels(workspaceId), StringComparer.Ordinal);
        foreach (var (key, value) in extra)
        {
            labels[key] = value;
        }

        return labels;
    }

    /// <summary>Engine filter terms that match every container or volume this server manages.</summary>
    public static IReadOnlyList<string> Filter(IReadOnlyDictionary<string, string> extra) =>
        [$"{WorkspaceContainers.ManagedLabel}=true", .. extra.Select(pair => $"{pair.Key}={pair.Value}")];

    /// <summary>The workspace a resource belongs to, from its label.</summary>
    public static Guid? WorkspaceOf(IReadOnlyDictionary<string, string> labels) =>
        labels.TryGetValue(WorkspaceContainers.WorkspaceLabel, out var value) && Guid.TryParse(value, out var id) ? id : null;
}
