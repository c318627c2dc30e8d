namespace Molecule.Plugins.Staging;

/// <summary>
/// Unix permission bits of staged files. The server runs on Linux; elsewhere (a developer's Windows
/// build) files read as 0644 and modes are not written, which only affects the archive headers.
/// </summary>
internal static class FileModes
{
    public const UnixFileMode Default =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    public static UnixFileMode Get(string path) => OperatingSystem.IsWindows() ? Default : File.GetUnixFileMode(path);

    public static void Set(string path, UnixFileMode mode)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, mode);
        }
    }
}
