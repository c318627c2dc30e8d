namespace Molecule.Files.Archive;

/// <summary>
/// One regular file to put into a workspace: <paramref name="Name"/> is relative to the directory
/// the tar is unpacked at; <paramref name="Content"/> is seekable (its length goes in the header).
/// </summary>
internal sealed record ArchiveFile(string Name, Stream Content)
{
    public static ArchiveFile FromBytes(string name, ReadOnlyMemory<byte> content) =>
        new(name, new MemoryStream(content.ToArray(), writable: false));
}
