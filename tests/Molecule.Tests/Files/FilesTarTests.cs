using System.Formats.Tar;
using System.Text;
using Molecule.Files.Archive;

namespace Molecule.Tests.Files;

public sealed class FilesTarTests
{
    private static readonly DateTimeOffset Now = new(2026, 4, 27, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Files_become_regular_entries_named_relative_to_the_destination()
    {
        var binary = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();
        await using var tar = await FilesTar.ToMemoryAsync(
            [ArchiveFile.FromBytes("config.yaml", "name: a\n"u8.ToArray()), ArchiveFile.FromBytes("skills/x/SKILL.md", binary)],
            Now,
            CancellationToken.None);

        var entries = await ReadAllAsync(tar);

        entries.Keys.ShouldBe(["config.yaml", "skills/x/SKILL.md"]);
        entries["config.yaml"].Content.ShouldBe("name: a\n"u8.ToArray());
        entries["skills/x/SKILL.md"].Content.ShouldBe(binary);
        entries.Values.ShouldAllBe(entry => entry.Type == TarEntryType.RegularFile && entry.Mode == FilesTar.FileMode && entry.ModifiedAt == Now);
    }

    [Fact]
    public async Task Empty_files_are_written_too()
    {
        await using var tar = await FilesTar.ToMemoryAsync([ArchiveFile.FromBytes("empty", Array.Empty<byte>())], Now, CancellationToken.None);

        (await ReadAllAsync(tar))["empty"].Content.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("/configs/config.yaml")]
    [InlineData("../escape")]
    [InlineData("a/../../b")]
    [InlineData("")]
    public async Task Absolute_or_escaping_entry_names_are_never_written(string name) =>
        await Should.ThrowAsync<ArgumentException>(() => FilesTar.ToMemoryAsync([ArchiveFile.FromBytes(name, "x"u8.ToArray())], Now, CancellationToken.None));

    [Fact]
    public async Task The_first_entry_of_an_engine_tar_is_read_without_copying()
    {
        await using var tar = await FilesTar.ToMemoryAsync(
            [ArchiveFile.FromBytes("hello.txt", "hello"u8.ToArray()), ArchiveFile.FromBytes("other", "x"u8.ToArray())],
            Now,
            CancellationToken.None);
        await using var reader = new TarReader(new NonSeekable(tar));

        var entry = await FilesTar.ReadFirstEntryAsync(reader, CancellationToken.None);

        entry.ShouldNotBeNull();
        entry.Name.ShouldBe("hello.txt");
        FilesTar.IsRegularFile(entry).ShouldBeTrue();
        entry.Length.ShouldBe(5);
        using var content = new StreamReader(entry.DataStream!, Encoding.UTF8);
        (await content.ReadToEndAsync()).ShouldBe("hello");
    }

    [Fact]
    public async Task An_empty_tar_has_no_first_entry()
    {
        await using var reader = new TarReader(new MemoryStream(new byte[1024]));

        (await FilesTar.ReadFirstEntryAsync(reader, CancellationToken.None)).ShouldBeNull();
    }

    private static async Task<Dictionary<string, (TarEntryType Type, UnixFileMode Mode, DateTimeOffset ModifiedAt, byte[] Content)>> ReadAllAsync(Stream tar)
    {
        var entries = new Dictionary<string, (TarEntryType, UnixFileMode, DateTimeOffset, byte[])>();
        await using var reader = new TarReader(tar);
        while (await reader.GetNextEntryAsync() is { } entry)
        {
            using var content = new MemoryStream();
            if (entry.DataStream is not null)
            {
                await entry.DataStream.CopyToAsync(content);
            }

            entries[entry.Name] = (entry.EntryType, entry.Mode, entry.ModificationTime, content.ToArray());
        }

        return entries;
    }

    /// <summary>The engine's response body cannot seek; the reader must cope.</summary>
    private sealed class NonSeekable(Stream inner) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
