using Molecule.Docker;
using Molecule.Testing;

namespace Molecule.IntegrationTests.Docker;

[Collection(DockerEngineFixture.Collection)]
public sealed class VolumeTests(DockerEngineFixture docker)
{
    [Fact]
    public async Task Volumes_are_created_listed_by_label_and_removed()
    {
        var name = docker.UniqueName("configs");
        var labels = new Dictionary<string, string>(docker.Labels) { ["molecule.platform.managed"] = "true" };

        var created = await docker.Engine.CreateVolumeAsync(name, labels, Deadline.In());
        var again = await docker.Engine.CreateVolumeAsync(name, labels, Deadline.In());
        var listed = await docker.Engine.ListVolumesAsync([$"{DockerEngineFixture.RunLabel}={docker.RunId}", "molecule.platform.managed=true"], Deadline.In());
        var inspected = await docker.Engine.InspectVolumeAsync(name, Deadline.In());

        created.Name.ShouldBe(name);
        created.Driver.ShouldBe("local");
        created.Labels["molecule.platform.managed"].ShouldBe("true");
        again.Name.ShouldBe(name); // creating an existing volume answers it
        listed.ShouldContain(v => v.Name == name);
        inspected.Mountpoint.ShouldNotBeNullOrEmpty();

        await docker.Engine.RemoveVolumeAsync(name, cancellationToken: Deadline.In());
        await Should.ThrowAsync<DockerNotFoundException>(() => docker.Engine.InspectVolumeAsync(name, Deadline.In()));
        await Should.ThrowAsync<DockerNotFoundException>(() => docker.Engine.RemoveVolumeAsync(name, cancellationToken: Deadline.In()));
    }

    [Fact]
    public async Task A_volume_in_use_cannot_be_removed_until_its_container_is_gone()
    {
        var volume = docker.UniqueName("inuse");
        await docker.Engine.CreateVolumeAsync(volume, docker.Labels, Deadline.In());
        var container = await docker.Engine.CreateContainerAsync(new DockerContainerSpec
        {
            Image = docker.AgentImage,
            Cmd = ["true"],
            Labels = docker.Labels,
            Binds = [$"{volume}:/configs"],
        }, Deadline.In());

        var conflict = await Should.ThrowAsync<DockerConflictException>(() => docker.Engine.RemoveVolumeAsync(volume, cancellationToken: Deadline.In()));

        conflict.EngineMessage.ShouldContain("in use");
        await docker.Engine.RemoveContainerAsync(container, force: true, cancellationToken: Deadline.In());
        await docker.Engine.RemoveVolumeAsync(volume, cancellationToken: Deadline.In());
    }
}
