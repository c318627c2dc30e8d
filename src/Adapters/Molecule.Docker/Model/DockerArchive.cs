namespace Molecule.Docker;

/// <summary>
/// A path inside a container, from the <c>X-Docker-Container-Path-Stat</c> header. <see cref="Mode"/>
/// is a Go <c>os.FileMode</c>: permission bits plus type bits at the top, not a POSIX st_mode.
/// </summary>
public sealed record DockerPathStat(string Name, long Size, uint Mode, DateTimeOffset? ModifiedAt, string? LinkTarget)
{
    private const uint GoModeDir = 1u << 31;
    private const uint GoModeSymlink = 1u << 27;
    private const uint GoModeIrregularTypes = (1u << 26) | (1u << 25) | (1u << 24) | (1u << 21) | (1u << 19);

    public bool IsDirectory => (Mode & GoModeDir) != 0;

    public bool IsSymlink => (Mode & GoModeSymlink) != 0;

    public bool IsRegularFile => (Mode & (GoModeDir | GoModeSymlink | GoModeIrregularTypes)) == 0;

    /// <summary>The rwx bits (e.g. 0644).</summary>
    public int Permissions => (int)(Mode & 0x1FF);
}

/// <summary>A tar stream read out of a container, with the stat of the path it was read from. Dispose it.</summary>
public sealed class DockerArchive : IAsyncDisposable
{
    internal DockerArchive(DockerPathStat stat, Stream tar)
    {
        Stat = stat;
        Tar = tar;
    }

    public DockerPathStat Stat { get; }

    /// <summary>The uncompressed tar; entries are named after the path's last element. Disposing it ends the engine's answer.</summary>
    public Stream Tar { get; }

    public ValueTask DisposeAsync() => Tar.DisposeAsync();
}
