using System.Formats.Tar;
using Molecule.Docker;
using Molecule.Testing;

namespace Molecule.IntegrationTests.Docker;

[Collection(DockerEngineFixture.Collection)]
public sealed class ImageTests(DockerEngineFixture docker)
{
    [Fact]
    public async Task The_test_agent_image_is_there_with_its_agent_command()
    {
        var image = await docker.Engine.InspectImageAsync(docker.AgentImage, Deadline.In());

        image.Id.ShouldStartWith("sha256:");
        image.RepoTags.ShouldContain(docker.AgentImage);
        image.Cmd.ShouldBe(["/bin/agent"]);
        image.Os.ShouldBe("linux");
    }

    [Fact]
    public async Task Import_makes_a_runnable_image_from_a_rootfs_tar()
    {
        var reference = $"molecule-test/import:{Guid.NewGuid().ToString("N")[..8]}";
        using var rootfs = await BusyboxRootfsAsync();

        var imageId = await docker.Engine.ImportImageAsync(rootfs, reference, ["CMD [\"/bin/sh\", \"-c\", \"echo imported\"]"], Deadline.In());

        var image = await docker.Engine.InspectImageAsync(reference, Deadline.In());
        image.Id.ShouldBe(imageId);
        image.Cmd.ShouldBe(["/bin/sh", "-c", "echo imported"]);

        var id = await docker.Engine.CreateContainerAsync(
            new DockerContainerSpec { Image = reference, Labels = docker.Labels, NetworkMode = "host" }, Deadline.In());
        await docker.Engine.StartContainerAsync(id, Deadline.In());
        (await docker.Engine.WaitContainerAsync(id, cancellationToken: Deadline.In())).StatusCode.ShouldBe(0);
        await using var logs = await docker.Engine.GetContainerLogsAsync(id, new DockerLogsOptions(), Deadline.In());
        (await logs.ReadAllAsync(4096, Deadline.In())).Stdout.ShouldBe("imported\n"u8.ToArray());
    }

    [Fact]
    public async Task A_missing_image_is_not_found()
    {
        var error = await Should.ThrowAsync<DockerNotFoundException>(
            () => docker.Engine.InspectImageAsync("molecule-test/never-built:nope", Deadline.In()));
        error.EngineMessage.ShouldContain("molecule-test/never-built:nope");
    }

    [Fact]
    public async Task Creating_from_a_missing_image_is_not_found_and_nothing_is_pulled()
    {
        await Should.ThrowAsync<DockerNotFoundException>(() => docker.Engine.CreateContainerAsync(
            new DockerContainerSpec { Image = "molecule-test/never-built:nope", Labels = docker.Labels }, Deadline.In()));
    }

    [Fact]
    public async Task A_pull_from_an_unreachable_registry_fails_with_the_engine_message()
    {
        var progress = new List<DockerPullProgress>();
        var error = await Should.ThrowAsync<DockerApiException>(
            () => docker.Engine.PullImageAsync("127.0.0.1:1/molecule/nothing", progress: progress.Add, cancellationToken: Deadline.In(60)));

        error.EngineMessage.ShouldContain("127.0.0.1:1");
    }

    /// <summary>The smallest useful root filesystem: the host's static busybox as /bin/sh.</summary>
    private static async Task<MemoryStream> BusyboxRootfsAsync()
    {
        var tar = new MemoryStream();
        await using (var writer = new TarWriter(tar, TarEntryFormat.Pax, leaveOpen: true))
        {
            await writer.WriteEntryAsync(new PaxTarEntry(TarEntryType.Directory, "bin/") { Mode = (UnixFileMode)0b111_101_101 });
            await writer.WriteEntryAsync("/bin/busybox", "bin/busybox");
            await writer.WriteEntryAsync(new PaxTarEntry(TarEntryType.SymbolicLink, "bin/sh") { LinkName = "busybox" });
        }

        tar.Position = 0;
        return tar;
    }
}
