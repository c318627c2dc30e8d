using System.Formats.Tar;
using System.Text;
using Molecule.Docker;
using Molecule.Testing;

namespace Molecule.IntegrationTests.Docker;

[Collection(DockerEngineFixture.Collection)]
public sealed class ArchiveTests(DockerEngineFixture docker)
{
    [Fact]
    public async Task A_tar_put_into_a_container_comes_back_out_with_its_stat()
    {
        var container = await docker.RunAsync(docker.UniqueName("tar"), ["sleep", "300"]);
        using var tar = await TarOfAsync(("notes/", null), ("notes/hello.txt", "hello\nworld\n"), ("notes/deep/x.md", "# x\n"));

        await docker.Engine.PutArchiveAsync(container, "/workspace", tar, Deadline.In());

        await using (var file = await docker.Engine.GetArchiveAsync(container, "/workspace/notes/hello.txt", Deadline.In()))
        {
            file.Stat.Name.ShouldBe("hello.txt");
            file.Stat.Size.ShouldBe(12);
            file.Stat.IsRegularFile.ShouldBeTrue();
            file.Stat.Permissions.ShouldBe(0b110_100_100);
            file.Stat.ModifiedAt.ShouldNotBeNull();
            (await ReadEntriesAsync(file.Tar)).ShouldBe(new Dictionary<string, string?> { ["hello.txt"] = "hello\nworld\n" });
        }

        await using (var directory = await docker.Engine.GetArchiveAsync(container, "/workspace/notes", Deadline.In()))
        {
            directory.Stat.IsDirectory.ShouldBeTrue();
            var entries = await ReadEntriesAsync(directory.Tar);
            entries["notes/deep/x.md"].ShouldBe("# x\n");
            entries["notes/hello.txt"].ShouldBe("hello\nworld\n");
        }

        var read = await docker.Engine.RunExecAsync(container, new DockerExecSpec { Cmd = ["cat", "/workspace/notes/deep/x.md"] }, cancellationToken: Deadline.In());
        read.StdoutText.ShouldBe("# x\n");
    }

    [Fact]
    public async Task Stat_tells_directories_symlinks_and_missing_paths_apart()
    {
        var container = await docker.RunAsync(docker.UniqueName("stat"), ["sleep", "300"]);

        var directory = await docker.Engine.StatPathAsync(container, "/configs", Deadline.In());
        var link = await docker.Engine.StatPathAsync(container, "/bin/sh", Deadline.In());

        directory.IsDirectory.ShouldBeTrue();
        directory.Name.ShouldBe("configs");
        link.IsSymlink.ShouldBeTrue();
        link.LinkTarget.ShouldNotBeNull().ShouldEndWith("busybox");
        await Should.ThrowAsync<DockerNotFoundException>(() => docker.Engine.StatPathAsync(container, "/no/such/path", Deadline.In()));
        await Should.ThrowAsync<DockerNotFoundException>(() => docker.Engine.GetArchiveAsync(container, "/no/such/path", Deadline.In()));
    }

    [Fact]
    public async Task Files_can_be_put_before_the_container_starts()
    {
        var container = await docker.Engine.CreateContainerAsync(new DockerContainerSpec
        {
            Image = docker.AgentImage,
            Name = docker.UniqueName("pre"),
            Cmd = ["cat", "/configs/.auth_token"],
            Labels = docker.Labels,
        }, Deadline.In());
        using var tar = await TarOfAsync((".auth_token", "secret-token"));

        await docker.Engine.PutArchiveAsync(container, "/configs", tar, Deadline.In());
        await docker.Engine.StartContainerAsync(container, Deadline.In());
        await docker.Engine.WaitContainerAsync(container, cancellationToken: Deadline.In());

        await using var logs = await docker.Engine.GetContainerLogsAsync(container, new DockerLogsOptions(), Deadline.In());
        (await logs.ReadAllAsync(1024, Deadline.In())).Stdout.ShouldBe("secret-token"u8.ToArray());
    }

    [Fact]
    public async Task Putting_into_a_missing_directory_is_not_found()
    {
        var container = await docker.RunAsync(docker.UniqueName("nodir"), ["sleep", "300"]);
        using var tar = await TarOfAsync(("a.txt", "a"));

        await Should.ThrowAsync<DockerNotFoundException>(() => docker.Engine.PutArchiveAsync(container, "/no/such/dir", tar, Deadline.In()));
    }

    /// <summary>A tar of (name, content) pairs; a null content makes a directory.</summary>
    private static async Task<MemoryStream> TarOfAsync(params (string Name, string? Content)[] entries)
    {
        var tar = new MemoryStream();
        await using (var writer = new TarWriter(tar, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                var entry = new PaxTarEntry(content is null ? TarEntryType.Directory : TarEntryType.RegularFile, name)
                {
                    Mode = content is null ? (UnixFileMode)0b111_101_101 : (UnixFileMode)0b110_100_100,
                    ModificationTime = DateTimeOffset.UtcNow,
                };
                if (content is not null)
                {
                    entry.DataStream = new MemoryStream(Encoding.UTF8.GetBytes(content));
                }

                await writer.WriteEntryAsync(entry);
            }
        }

        tar.Position = 0;
        return tar;
    }

    private static async Task<Dictionary<string, string?>> ReadEntriesAsync(Stream tar)
    {
        var entries = new Dictionary<string, string?>();
        await using var reader = new TarReader(tar);
        while (await reader.GetNextEntryAsync() is { } entry)
        {
            if (entry.EntryType is TarEntryType.RegularFile or TarEntryType.V7RegularFile)
            {
                using var content = new StreamReader(entry.DataStream!);
                entries[entry.Name] = await content.ReadToEndAsync();
            }
        }

        return entries;
    }
}
