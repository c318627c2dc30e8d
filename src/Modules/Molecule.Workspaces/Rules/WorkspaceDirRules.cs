namespace Molecule.Workspaces.Rules;

/// <summary>
/// Which host directory may be mounted into a workspace as /workspace, and with what access.
/// System directories are refused so a workspace can never be handed the host's own files.
/// </summary>
internal static class WorkspaceDirRules
{
    public const string AccessNone = "none";
    public const string AccessReadOnly = "read_only";
    public const string AccessReadWrite = "read_write";

    private static readonly string[] SystemDirectories =
        ["/etc", "/var", "/proc", "/sys", "/dev", "/boot", "/sbin", "/bin", "/lib", "/usr"];

    /// <summary>Absolute, no <c>..</c>, not the root and not under a system directory.</summary>
    public static bool IsAllowedDirectory(string directory)
    {
        if (!directory.StartsWith('/') || directory.Contains("..", StringComparison.Ordinal) || directory.Any(char.IsControl))
        {
            return false;
        }

        // Normalise "//etc/" and "/./etc" before comparing prefixes.
        var normalized = Path.GetFullPath(directory).TrimEnd('/');
        if (normalized.Length == 0)
        {
            return false;
        }

        return !SystemDirectories.Any(system =>
            normalized == system || normalized.StartsWith(system + "/", StringComparison.Ordinal));
    }

    /// <summary>Empty means <c>none</c>; anything else must be one of the three values.</summary>
    public static string? NormalizeAccess(string? access) => access switch
    {
        null or "" => AccessNone,
        AccessNone or AccessReadOnly or AccessReadWrite => access,
        _ => null,
    };

    /// <summary>Mounting the directory (read-only or read-write) needs one to mount.</summary>
    public static bool AccessNeedsDirectory(string access) => access is AccessReadOnly or AccessReadWrite;
}
