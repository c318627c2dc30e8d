using System.Formats.Tar;

namespace Molecule.Plugins.Staging;

/// <summary>An archive entry would land outside the staging directory, or the archive is not a plugin tree.</summary>
internal sealed class UnsafeArchiveException(string message) : Exception(message);

/// <summary>What an extraction did with the archive's links.</summary>
internal readonly record struct TarExtraction(int Files, int LinksCopied, int LinksSkipped);

/// <summary>
/// Unpacks a tar from an untrusted source into a staging directory. Absolute names, <c>..</c>
/// segments, and links pointing outside the tree refuse the whole archive. Links inside the tree are
/// not recreated as links: a link to a file becomes a copy of it (as the local source follows links),
/// other links are skipped, so nothing on disk can point out of staging afterwards. Devices and fifos
/// are skipped; every byte written is charged to the staging budget.
/// </summary>
internal static class SafeTarExtractor
{
    /// <summary>Far above a real plugin; bounds how many files a tiny compressed archive can create.</summary>
    public const int MaxEntries = 20_000;

    private const int MaxLinkHops = 8;
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode PermissionBits = (UnixFileMode)0x1FF;

    /// <param name="stripComponents">Leading path segments to drop (1 for GitHub's <c>&lt;repo&gt;-&lt;ref&gt;/</c> wrapper).</param>
    public static async Task<TarExtraction> ExtractAsync(
        Stream tar, string destination, StagingBudget budget, int stripComponents, CancellationToken cancellationToken)
    {
        var root = Path.GetFullPath(destination);
        var links = new Dictionary<string, string>(StringComparer.Ordinal);
        var files = 0;
        var entries = 0;
        await using var reader = new TarReader(tar, leaveOpen: true);
        while (await reader.GetNextEntryAsync(copyData: false, cancellationToken) is { } entry)
        {
            if (++entries > MaxEntries)
            {
                throw new UnsafeArchiveException($"archive has more than {MaxEntries} entries");
            }

            if (entry.EntryType is TarEntryType.GlobalExtendedAttributes)
            {
                continue;
            }

            var relative = RelativePath(entry.Name, stripComponents);
            if (relative is null)
            {
                continue;
            }

            var target = Resolve(root, relative);
            switch (entry.EntryType)
            {
                case TarEntryType.Directory:
                    CreateDirectory(target, relative);
                    break;
                case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                    await WriteFileAsync(entry, target, relative, budget, cancellationToken);
                    files++;
                    break;
                case TarEntryType.SymbolicLink:
                    links[relative] = SymlinkTarget(relative, entry.LinkName);
                    break;
                case TarEntryType.HardLink:
                    links[relative] = RelativePath(entry.LinkName, stripComponents)
                        ?? throw new UnsafeArchiveException($"hard link {relative} points at the archive root");
                    break;
            }
        }

        var (copied, skipped) = await MaterialiseLinksAsync(root, links, budget, cancellationToken);
        return new TarExtraction(files, copied, skipped);
    }

    /// <summary>The entry's path below the stripped prefix, with <c>/</c>; null for the prefix itself.</summary>
    public static string? RelativePath(string name, int stripComponents)
    {
        if (name.StartsWith('/'))
        {
            throw new UnsafeArchiveException($"archive entry {name} has an absolute path");
        }

        var segments = name.Split('/').Where(segment => segment.Length > 0 && segment != ".").ToList();
        if (segments.Contains(".."))
        {
            throw new UnsafeArchiveException($"archive entry {name} climbs out with '..'");
        }

        return segments.Count <= stripComponents ? null : string.Join('/', segments.Skip(stripComponents));
    }

    /// <summary>Where a symlink at <paramref name="linkPath"/> points, relative to the tree root.</summary>
    public static string SymlinkTarget(string linkPath, string linkName)
    {
        if (linkName.StartsWith('/'))
        {
            throw new UnsafeArchiveException($"symlink {linkPath} points at the absolute path {linkName}");
        }

        var resolved = linkPath.Split('/').SkipLast(1).ToList();
        foreach (var segment in linkName.Split('/'))
        {
            if (segment is "" or ".")
            {
                continue;
            }

            if (segment == "..")
            {
                if (resolved.Count == 0)
                {
                    throw new UnsafeArchiveException($"symlink {linkPath} points outside the plugin ({linkName})");
                }

                resolved.RemoveAt(resolved.Count - 1);
                continue;
            }

            resolved.Add(segment);
        }

        return string.Join('/', resolved);
    }

    private static string Resolve(string root, string relative)
    {
        var full = Path.GetFullPath(Path.Combine(root, relative));
        return full.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            ? full
            : throw new UnsafeArchiveException($"archive entry {relative} resolves outside the plugin");
    }

    private static void CreateDirectory(string target, string relative)
    {
        if (File.Exists(target))
        {
            throw new UnsafeArchiveException($"archive entry {relative} is both a file and a directory");
        }

        Directory.CreateDirectory(target);
    }

    private static async Task WriteFileAsync(
        TarEntry entry, string target, string relative, StagingBudget budget, CancellationToken cancellationToken)
    {
        if (Directory.Exists(target))
        {
            throw new UnsafeArchiveException($"archive entry {relative} is both a directory and a file");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        await using (var output = new FileStream(target, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            if (entry.DataStream is { } data)
            {
                await budget.CopyAsync(data, output, cancellationToken);
            }
        }

        // Permission bits only (no setuid/setgid/sticky), and always readable by us for the checks.
        FileModes.Set(target, (entry.Mode & PermissionBits) | OwnerReadWrite);
    }

    /// <summary>Replaces each in-tree link to a file with a copy of that file; the rest are skipped.</summary>
    private static async Task<(int Copied, int Skipped)> MaterialiseLinksAsync(
        string root, Dictionary<string, string> links, StagingBudget budget, CancellationToken cancellationToken)
    {
        var copied = 0;
        foreach (var (linkPath, firstTarget) in links)
        {
            var target = firstTarget;
            var hops = 0;
            while (links.TryGetValue(target, out var next) && hops++ < MaxLinkHops)
            {
                target = next;
            }

            // Still a link after the hops (a loop or a long chain), or the tree root itself: nothing to copy.
            if (target.Length == 0 || links.ContainsKey(target))
            {
                continue;
            }

            var source = Resolve(root, target);
            var destination = Resolve(root, linkPath);
            if (!File.Exists(source) || Directory.Exists(destination))
            {
                continue;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            await using (var input = File.OpenRead(source))
            await using (var output = new FileStream(destination, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                await budget.CopyAsync(input, output, cancellationToken);
            }

            FileModes.Set(destination, FileModes.Get(source));
            copied++;
        }

        return (copied, links.Count - copied);
    }
}
