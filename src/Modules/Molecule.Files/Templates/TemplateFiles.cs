using Molecule.Files.Http;

namespace Molecule.Files.Templates;

/// <summary>
/// Reading, listing and writing inside a template directory on this host. Paths were validated by
/// <see cref="Paths.RelativeFilePath"/>; on top of that nothing here follows a symbolic link, so a
/// link inside a template can never lead outside it.
/// </summary>
internal static class TemplateFiles
{
    /// <summary>The files under <paramref name="relativeDirectory"/> (or the template itself) to <paramref name="depth"/> levels; empty when it is not a directory.</summary>
    public static IReadOnlyList<FileEntry> List(string templateDirectory, string? relativeDirectory, int depth)
    {
        var start = relativeDirectory is null ? templateDirectory : Inside(templateDirectory, relativeDirectory);
        var entries = new List<FileEntry>();
        if (start is not null && Directory.Exists(start))
        {
            Walk(start, start, level: 1, depth, entries);
        }

        return entries;
    }

    /// <summary>The file's bytes; null when it is missing, not a regular file, or reached through a link.</summary>
    public static TemplateRead Read(string templateDirectory, string relativePath, long maxBytes)
    {
        if (Inside(templateDirectory, relativePath) is not { } path)
        {
            return TemplateRead.NotFound;
        }

        try
        {
            var file = new FileInfo(path);
            if (!file.Exists || file.LinkTarget is not null)
            {
                return TemplateRead.NotFound;
            }

            return file.Length > maxBytes ? TemplateRead.TooLarge : TemplateRead.Found(File.ReadAllBytes(path));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return TemplateRead.NotFound;
        }
    }

    /// <summary>Writes each file (directories 0755, new files 0600, as the reference). Throws IOException when a path is refused.</summary>
    public static async Task WriteAsync(string templateDirectory, IEnumerable<(string RelativePath, byte[] Content)> files, CancellationToken cancellationToken)
    {
        foreach (var (relativePath, content) in files)
        {
            var path = Inside(templateDirectory, relativePath) ?? throw new IOException($"refusing to write through a link: {relativePath}");
            var created = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            }
            else
            {
                Directory.CreateDirectory(Path.GetDirectoryName(path)!, DirectoryMode);
                created.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            await using var stream = new FileStream(path, created);
            await stream.WriteAsync(content, cancellationToken);
        }
    }

    private const UnixFileMode DirectoryMode =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    /// <summary>
    /// The absolute path of <paramref name="relativePath"/> under <paramref name="directory"/>, or
    /// null when it escapes it or an existing element on the way is a symbolic link.
    /// </summary>
    internal static string? Inside(string directory, string relativePath)
    {
        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory));
        var full = Path.GetFullPath(Path.Combine(root, relativePath));
        if (!full.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            return null;
        }

        var current = root;
        foreach (var segment in full[(root.Length + 1)..].Split(Path.DirectorySeparatorChar))
        {
            current = Path.Combine(current, segment);
            var info = new FileInfo(current);
            if (!info.Exists && !Directory.Exists(current))
            {
                break;
            }

            if (info.LinkTarget is not null)
            {
                return null;
            }
        }

        return full;
    }

    private static void Walk(string start, string directory, int level, int depth, List<FileEntry> entries)
    {
        IEnumerable<FileSystemInfo> children;
        try
        {
            children = new DirectoryInfo(directory).EnumerateFileSystemInfos().OrderBy(child => child.Name, StringComparer.Ordinal).ToList();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return;
        }

        foreach (var child in children)
        {
            if (ListingRules.SkippedNames.Contains(child.Name))
            {
                continue;
            }

            var relative = Path.GetRelativePath(start, child.FullName).Replace(Path.DirectorySeparatorChar, '/');
            if (child is DirectoryInfo)
            {
                entries.Add(new FileEntry(relative, 0, Dir: true));
                if (level < depth && child.LinkTarget is null)
                {
                    Walk(start, child.FullName, level + 1, depth, entries);
                }
            }
            else
            {
                entries.Add(new FileEntry(relative, child is FileInfo file && child.LinkTarget is null ? file.Length : 0, Dir: false));
            }
        }
    }
}

/// <summary>A template read: the bytes, or why there are none.</summary>
internal sealed record TemplateRead(TemplateReadStatus Status, byte[]? Content)
{
    public static readonly TemplateRead NotFound = new(TemplateReadStatus.NotFound, null);
    public static readonly TemplateRead TooLarge = new(TemplateReadStatus.TooLarge, null);

    public static TemplateRead Found(byte[] content) => new(TemplateReadStatus.Found, content);
}

internal enum TemplateReadStatus
{
    Found,
    NotFound,
    TooLarge,
}
