using System.Globalization;
using Molecule.Files.Http;
using Molecule.Files.Templates;

namespace Molecule.Files.Backends;

/// <summary>
/// Listing a directory inside a container with <c>find</c> and <c>stat</c>, run as an argv array
/// (no shell, so no quoting to get wrong): one <c>type|size|path</c> line per entry.
/// </summary>
internal static class DockerFindListing
{
    public const string Format = "%F|%s|%n";

    /// <summary>
    /// <c>find DIR -mindepth 1 -maxdepth D ( -name .git -o … ) -prune -o -exec stat -c FORMAT {} +</c>:
    /// skipped names are pruned, so nothing under them is walked either.
    /// </summary>
    public static IReadOnlyList<string> Command(string directory, int depth)
    {
        var command = new List<string> { "find", directory, "-mindepth", "1", "-maxdepth", depth.ToString(CultureInfo.InvariantCulture), "(" };
        for (var i = 0; i < ListingRules.SkippedNames.Count; i++)
        {
            if (i > 0)
            {
                command.Add("-o");
            }

            command.AddRange(["-name", ListingRules.SkippedNames[i]]);
        }

        command.AddRange([")", "-prune", "-o", "-exec", "stat", "-c", Format, "{}", "+"]);
        return command;
    }

    /// <summary>
    /// Entries relative to <paramref name="directory"/>, in path order. Lines that do not parse are
    /// dropped; when the output was <paramref name="truncated"/> the last (partial) line is too.
    /// </summary>
    public static IReadOnlyList<FileEntry> Parse(string output, string directory, bool truncated)
    {
        var lines = output.Split('\n');
        if (truncated)
        {
            lines = lines[..^1];
        }

        var prefix = directory.TrimEnd('/') + "/";
        var entries = new List<FileEntry>();
        foreach (var line in lines)
        {
            var parts = line.Split('|', 3);
            if (parts.Length != 3
                || !parts[2].StartsWith(prefix, StringComparison.Ordinal)
                || parts[2].Length == prefix.Length
                || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var size))
            {
                continue;
            }

            var isDirectory = parts[0] == "directory";
            entries.Add(new FileEntry(parts[2][prefix.Length..], isDirectory ? 0 : size, isDirectory));
        }

        entries.Sort((left, right) => string.CompareOrdinal(left.Path, right.Path));
        return entries;
    }
}
