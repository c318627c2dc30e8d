using System.Formats.Tar;
using System.IO.Compression;
using Molecule.Plugins.Staging;

namespace Molecule.Plugins.Packing;

/// <summary>The two archives of a staged plugin: one to unpack into a container, one to download.</summary>
internal static class PluginArchives
{
    /// <summary>
    /// A tar to unpack at <c>/configs</c>: the plugin root as <c>plugins/&lt;name&gt;</c>, every entry
    /// below it, owned by root (the installer chowns the tree to the agent user afterwards).
    /// </summary>
    public static async Task WriteContainerTarAsync(StagedPlugin plugin, Stream output, CancellationToken cancellationToken)
    {
        var prefix = $"plugins/{plugin.Name}";
        await using var writer = new TarWriter(output, TarEntryFormat.Pax, leaveOpen: true);
        await writer.WriteEntryAsync(DirectoryEntry(prefix, plugin.Root), cancellationToken);
        foreach (var entry in plugin.Entries)
        {
            await WriteAsync(writer, $"{prefix}/{entry.RelativePath}", entry, cancellationToken);
        }
    }

    /// <summary>
    /// The download: gzip-compressed tar with paths relative to the plugin root (no name prefix, root
    /// itself left out), directories included.
    /// </summary>
    public static async Task WriteDownloadAsync(StagedPlugin plugin, Stream output, CancellationToken cancellationToken)
    {
        await using var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true);
        await using (var writer = new TarWriter(gzip, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var entry in plugin.Entries)
            {
                await WriteAsync(writer, entry.RelativePath, entry, cancellationToken);
            }
        }
    }

    private static async Task WriteAsync(TarWriter writer, string name, StagedEntry entry, CancellationToken cancellationToken)
    {
        if (entry.IsDirectory)
        {
            await writer.WriteEntryAsync(DirectoryEntry(name, entry.FullPath), cancellationToken);
            return;
        }

        await using var data = File.OpenRead(entry.FullPath);
        var file = new PaxTarEntry(TarEntryType.RegularFile, name)
        {
            Mode = FileModes.Get(entry.FullPath),
            ModificationTime = File.GetLastWriteTimeUtc(entry.FullPath),
            Uid = 0,
            Gid = 0,
            DataStream = data,
        };
        await writer.WriteEntryAsync(file, cancellationToken);
    }

    private static PaxTarEntry DirectoryEntry(string name, string path) => new(TarEntryType.Directory, name + "/")
    {
        Mode = FileModes.Get(path) | UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute,
        ModificationTime = Directory.GetLastWriteTimeUtc(path),
        Uid = 0,
        Gid = 0,
    };
}
