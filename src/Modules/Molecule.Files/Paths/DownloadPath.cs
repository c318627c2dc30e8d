namespace Molecule.Files.Paths;

/// <summary>
/// The <c>?path=</c> of a chat download: an absolute path, already clean, under one of the roots.
/// The checks run in the reference's order so each refusal carries its text.
/// </summary>
internal static class DownloadPath
{
    public const string Required = "path query required";
    public const string NotAbsolute = "path must be absolute";
    public const string OutsideRoots = "path must be under /configs, /workspace, /home, or /plugins";

    /// <summary>Null when <paramref name="raw"/> is acceptable, else the 400 text.</summary>
    public static string? Refusal(string? raw)
    {
        if (string.IsNullOrEmpty(raw))
        {
            return Required;
        }

        if (raw[0] != '/')
        {
            return NotAbsolute;
        }

        if (!FileRoots.Contains(raw))
        {
            return OutsideRoots;
        }

        return IsClean(raw) ? null : RelativeFilePath.Invalid;
    }

    /// <summary>Clean as Go's path.Clean leaves it (no empty, <c>.</c> or <c>..</c> segments, no trailing slash) and safe after decoding.</summary>
    private static bool IsClean(string path)
    {
        if (path.Length > RelativeFilePath.MaxLength || !RelativeFilePath.IsSafeText(path) || path.EndsWith('/'))
        {
            return false;
        }

        if (RelativeFilePath.FullyDecoded(path) is not { } decoded || !RelativeFilePath.IsSafeText(decoded))
        {
            return false;
        }

        return path[1..].Split('/').All(segment => segment.Length > 0 && segment != ".");
    }
}
