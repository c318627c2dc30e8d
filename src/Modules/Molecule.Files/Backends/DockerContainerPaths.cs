using Molecule.Files.Paths;

namespace Molecule.Files.Backends;

/// <summary>Absolute paths inside a container, computed without asking it.</summary>
internal static class DockerContainerPaths
{
    /// <summary>
    /// Where the link at <paramref name="linkPath"/> leads: <paramref name="target"/> itself when
    /// absolute, else resolved against the link's directory; <c>.</c> and <c>..</c> folded. Null when
    /// the result is not under one of the file roots.
    /// </summary>
    public static string? ResolveLink(string linkPath, string target)
    {
        if (target.Length == 0)
        {
            return null;
        }

        var joined = target.StartsWith('/') ? target : linkPath[..(linkPath.LastIndexOf('/') + 1)] + target;
        var resolved = Fold(joined);
        return FileRoots.Contains(resolved) ? resolved : null;
    }

    /// <summary>An absolute path with empty, <c>.</c> and <c>..</c> segments folded away (<c>..</c> stops at <c>/</c>).</summary>
    public static string Fold(string absolutePath)
    {
        var segments = new List<string>();
        foreach (var segment in absolutePath.Split('/'))
        {
            if (segment == "..")
            {
                if (segments.Count > 0)
                {
                    segments.RemoveAt(segments.Count - 1);
                }
            }
            else if (segment is not ("" or "."))
            {
                segments.Add(segment);
            }
        }

        return "/" + string.Join('/', segments);
    }
}
