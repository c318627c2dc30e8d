using System.Text.RegularExpressions;
using Molecule.Plugins.Staging;

namespace Molecule.Plugins.Sources;

/// <summary>
/// <c>local://&lt;name&gt;</c>: a copy of <c>&lt;registry&gt;/&lt;name&gt;</c>. Symlinks in the registry are
/// followed (the operator put them there); nesting is bounded so a link loop cannot recurse forever.
/// </summary>
internal sealed partial class LocalPluginResolver(PluginRegistryDirectory registry) : IPluginSourceResolver
{
    private const int MaxDepth = 32;

    private static readonly EnumerationOptions DirectChildren = new() { AttributesToSkip = 0, IgnoreInaccessible = false };

    public string Scheme => PluginSource.Local;

    public async Task<string> FetchAsync(string spec, string destination, StagingBudget budget, CancellationToken cancellationToken)
    {
        if (!NamePattern().IsMatch(spec))
        {
            throw new PluginFetchException(PluginFetchFailure.Failed, $"local plugin name {spec} is not of the form [a-z0-9][a-z0-9._-]*");
        }

        var source = Path.Combine(registry.FullPath, spec);
        if (!Directory.Exists(source))
        {
            throw new PluginFetchException(PluginFetchFailure.NotFound, $"plugin {spec} is not in the registry at {registry.FullPath}");
        }

        try
        {
            await CopyTreeAsync(source, destination, budget, depth: 0, cancellationToken);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new PluginFetchException(PluginFetchFailure.Failed, $"copying plugin {spec} failed: {exception.Message}", exception);
        }

        return spec;
    }

    private static async Task CopyTreeAsync(string source, string destination, StagingBudget budget, int depth, CancellationToken cancellationToken)
    {
        if (depth > MaxDepth)
        {
            throw new PluginFetchException(PluginFetchFailure.Failed, $"{source} is nested more than {MaxDepth} levels deep (a symlink loop?)");
        }

        foreach (var entry in Directory.EnumerateFileSystemEntries(source, "*", DirectChildren))
        {
            var target = Path.Combine(destination, Path.GetFileName(entry));
            if (Directory.Exists(entry))
            {
                Directory.CreateDirectory(target);
                await CopyTreeAsync(entry, target, budget, depth + 1, cancellationToken);
            }
            else if (File.Exists(entry))
            {
                await using (var input = File.OpenRead(entry))
                await using (var output = new FileStream(target, FileMode.CreateNew, FileAccess.Write, FileShare.None))
                {
                    await budget.CopyAsync(input, output, cancellationToken);
                }

                FileModes.Set(target, FileModes.Get(entry));
            }
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,127}$")]
    private static partial Regex NamePattern();
}
