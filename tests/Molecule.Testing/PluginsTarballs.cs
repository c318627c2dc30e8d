using System.Formats.Tar;
using System.IO.Compression;
using System.Text;

namespace Molecule.Testing;

/// <summary>One entry of a test archive: a file with content, a directory, or a link.</summary>
public sealed record PluginsTarItem(string Name, TarEntryType Type, string? Content = null, string? LinkName = null)
{
    public static PluginsTarItem File(string name, string content) => new(name, TarEntryType.RegularFile, content);

    public static PluginsTarItem Dir(string name) => new(name.TrimEnd('/') + "/", TarEntryType.Directory);

    public static PluginsTarItem Symlink(string name, string target) => new(name, TarEntryType.SymbolicLink, LinkName: target);

    public static PluginsTarItem HardLink(string name, string target) => new(name, TarEntryType.HardLink, LinkName: target);
}

/// <summary>Builds and reads the tar and tar.gz archives the plugin tests send and receive.</summary>
public static class PluginsTarballs
{
    public static byte[] Tar(params PluginsTarItem[] items)
    {
        using var output = new MemoryStream();
        using (var writer = new TarWriter(output, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var item in items)
            {
                var entry = new PaxTarEntry(item.Type, item.Name)
                {
                    Mode = item.Type == TarEntryType.Directory ? (UnixFileMode)0x1ED : (UnixFileMode)0x1A4,
                };
                if (item.LinkName is not null)
                {
                    entry.LinkName = item.LinkName;
                }

                if (item.Content is not null)
                {
                    entry.DataStream = new MemoryStream(Encoding.UTF8.GetBytes(item.Content));
                }

                writer.WriteEntry(entry);
            }
        }

        return output.ToArray();
    }

    public static byte[] TarGz(params PluginsTarItem[] items) => Gzip(Tar(items));

    public static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }

    /// <summary>A GitHub-style tarball: everything under one <c>&lt;repo&gt;-&lt;ref&gt;/</c> directory.</summary>
    public static byte[] GithubTarball(string topDirectory, params PluginsTarItem[] items) =>
        TarGz([PluginsTarItem.Dir(topDirectory), .. items.Select(item => item with { Name = $"{topDirectory}/{item.Name}" })]);

    /// <summary>Entry name → content (null for directories and links), in archive order.</summary>
    public static IReadOnlyList<KeyValuePair<string, string?>> ReadTarGz(byte[] archive)
    {
        using var gzip = new GZipStream(new MemoryStream(archive), CompressionMode.Decompress);
        return ReadTar(gzip);
    }

    public static IReadOnlyList<KeyValuePair<string, string?>> ReadTar(Stream tar)
    {
        var entries = new List<KeyValuePair<string, string?>>();
        using var reader = new TarReader(tar, leaveOpen: true);
        while (reader.GetNextEntry(copyData: true) is { } entry)
        {
            string? content = null;
            if (entry.DataStream is { } data)
            {
                using var text = new StreamReader(data, Encoding.UTF8);
                content = text.ReadToEnd();
            }

            entries.Add(new(entry.Name, content));
        }

        return entries;
    }
}
