using System.Text.Json;

namespace Molecule.RuntimeRegistry.Manifest;

/// <summary>The runtime allowlist as loaded, and where it came from.</summary>
internal sealed record LoadedRuntimes(IReadOnlyList<string> Names, string Source, RuntimeManifest? Manifest);

/// <summary>
/// Finds and reads manifest.json the way the reference does: <c>WORKSPACE_MANIFEST_PATH</c> when set
/// (unreadable means the fallback list, not a search elsewhere), else next to the binary, else
/// <c>manifest.json</c>, <c>../manifest.json</c> or <c>../../manifest.json</c> from the working directory.
/// </summary>
internal static class ManifestLoader
{
    /// <summary>The reference's hard-coded list for a missing or invalid manifest (it includes codex).</summary>
    public static readonly IReadOnlyList<string> FallbackRuntimes =
        ["langgraph", "claude-code", "openclaw", "crewai", "autogen", "deepagents", "hermes", "codex", "gemini-cli", "external"];

    public static LoadedRuntimes Load(string? configuredPath, string binaryDirectory, string workingDirectory)
    {
        var path = configuredPath is { Length: > 0 }
            ? configuredPath
            : Candidates(binaryDirectory, workingDirectory).FirstOrDefault(File.Exists);
        if (path is null)
        {
            return new LoadedRuntimes(FallbackRuntimes, "fallback (no manifest.json found)", null);
        }

        RuntimeManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize(File.ReadAllBytes(path), ManifestJsonContext.Default.RuntimeManifest);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or JsonException)
        {
            return new LoadedRuntimes(FallbackRuntimes, $"fallback ({path} unreadable: {exception.GetType().Name})", null);
        }

        if (manifest is null)
        {
            return new LoadedRuntimes(FallbackRuntimes, $"fallback ({path} is empty)", null);
        }

        return new LoadedRuntimes(RuntimeNames(manifest), path, manifest);
    }

    /// <summary>Template names trimmed, blanks skipped, <c>-default</c> stripped, plus <c>external</c>.</summary>
    public static IReadOnlyList<string> RuntimeNames(RuntimeManifest manifest)
    {
        var names = new List<string>();
        foreach (var entry in manifest.WorkspaceTemplates ?? [])
        {
            var name = (entry.Name ?? "").Trim();
            if (name.EndsWith("-default", StringComparison.Ordinal))
            {
                name = name[..^"-default".Length];
            }

            if (name.Length > 0 && !names.Contains(name))
            {
                names.Add(name);
            }
        }

        if (!names.Contains("external"))
        {
            names.Add("external");
        }

        return names;
    }

    private static IEnumerable<string> Candidates(string binaryDirectory, string workingDirectory)
    {
        yield return Path.Combine(binaryDirectory, "manifest.json");
        yield return Path.Combine(workingDirectory, "manifest.json");
        yield return Path.Combine(workingDirectory, "..", "manifest.json");
        yield return Path.Combine(workingDirectory, "..", "..", "manifest.json");
    }
}
