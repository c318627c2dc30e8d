using System.Formats.Tar;
using Molecule.Docker;

namespace Molecule.Plugins.Backends;

/// <summary>A small regular file read out of a container, with what is needed to write it back alike.</summary>
internal sealed record ContainerFile(byte[] Content, UnixFileMode Mode, int Uid, int Gid);

/// <summary>Reads and writes single small files in a container through the archive API (no shell involved).</summary>
internal static class ContainerFiles
{
    /// <summary>The file at <paramref name="path"/>; null when it is missing, not a regular file, or larger than <paramref name="maxBytes"/>.</summary>
    public static async Task<ContainerFile?> ReadAsync(
        IDockerEngine engine, string container, string path, int maxBytes, CancellationToken cancellationToken)
    {
        DockerArchive archive;
        try
        {
            archive = await engine.GetArchiveAsync(container, path, cancellationToken);
        }
        catch (DockerNotFoundException)
        {
            return null;
        }

        await using (archive)
        {
            if (!archive.Stat.IsRegularFile || archive.Stat.Size > maxBytes)
            {
                return null;
            }

            await using var reader = new TarReader(archive.Tar, leaveOpen: true);
            if (await reader.GetNextEntryAsync(copyData: false, cancellationToken) is not { EntryType: TarEntryType.RegularFile or TarEntryType.V7RegularFile } entry)
            {
                return null;
            }

            using var content = new MemoryStream();
            if (entry.DataStream is { } data)
            {
                await data.CopyToAsync(content, cancellationToken);
            }

            return new ContainerFile(content.ToArray(), entry.Mode, entry.Uid, entry.Gid);
        }
    }

    /// <summary>Writes <paramref name="content"/> to <paramref name="path"/> with the given mode and owner.</summary>
    public static async Task WriteAsync(
        IDockerEngine engine, string container, string path, byte[] content, ContainerFile like, CancellationToken cancellationToken)
    {
        using var tar = new MemoryStream();
        await using (var writer = new TarWriter(tar, TarEntryFormat.Pax, leaveOpen: true))
        {
            using var data = new MemoryStream(content);
            await writer.WriteEntryAsync(
                new PaxTarEntry(TarEntryType.RegularFile, System.IO.Path.GetFileName(path))
                {
                    Mode = like.Mode,
                    Uid = like.Uid,
                    Gid = like.Gid,
                    ModificationTime = DateTimeOffset.UtcNow,
                    DataStream = data,
                },
                cancellationToken);
        }

        tar.Position = 0;
        await engine.PutArchiveAsync(container, System.IO.Path.GetDirectoryName(path)!, tar, cancellationToken);
    }
}
