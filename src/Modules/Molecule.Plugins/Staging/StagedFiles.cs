using System.Text;

namespace Molecule.Plugins.Staging;

/// <summary>One file or directory of a staged plugin; <see cref="RelativePath"/> uses <c>/</c>.</summary>
internal sealed record StagedEntry(string RelativePath, string FullPath, bool IsDirectory);

/// <summary>Walks a staged plugin in a stable order: by the UTF-8 bytes of the relative path.</summary>
internal static class StagedFiles
{
    private static readonly EnumerationOptions Everything = new()
    {
        RecurseSubdirectories = true,
        AttributesToSkip = 0, // dotfiles count as hidden on Unix and must not be skipped
        IgnoreInaccessible = false,
        ReturnSpecialDirectories = false,
    };

    public static IReadOnlyList<StagedEntry> List(string root)
    {
        var entries = new DirectoryInfo(root)
            .EnumerateFileSystemInfos("*", Everything)
            .Where(info => info.LinkTarget is null) // staging never holds links; skip any rather than follow it out
            .Select(info => new StagedEntry(
                Path.GetRelativePath(root, info.FullName).Replace(Path.DirectorySeparatorChar, '/'),
                info.FullName,
                info is DirectoryInfo))
            .ToList();
        entries.Sort((a, b) => CompareUtf8(a.RelativePath, b.RelativePath));
        return entries;
    }

    /// <summary>Go's string order: byte-wise over UTF-8, which differs from UTF-16 order above U+FFFF.</summary>
    public static int CompareUtf8(string a, string b) =>
        Encoding.UTF8.GetBytes(a).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(b));

    /// <summary>Total bytes of the files (directories count nothing).</summary>
    public static long TotalFileBytes(IEnumerable<StagedEntry> entries) =>
        entries.Where(entry => !entry.IsDirectory).Sum(entry => new FileInfo(entry.FullPath).Length);
}
