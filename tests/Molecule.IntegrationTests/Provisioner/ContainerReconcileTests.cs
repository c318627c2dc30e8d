using Microsoft.Extensions.DependencyInjection;
using Molecule.Docker;
using Molecule.Docker.Workspaces;
using Molecule.Provisioner.Docker;
using Molecule.Provisioner.Health;
using Molecule.Testing;
using static Molecule.IntegrationTests.Provisioner.DockerProvisioningKit;

namespace Molecule.IntegrationTests.Provisioner;

[Collection(DockerEngineFixture.Collection)]
public sealed class ContainerReconcileTests(DockerEngineFixture docker)
{
    private const string MissingImage = "molecule-test/missing:latest";

    [Fact]
    public async Task Orphaned_containers_and_volumes_are_removed_and_other_servers_ones_are_left_alone()
    {
        await using var app = await ProvisionerDockerApp.StartAsync(docker);
        var ours = Labels(app.ExtraLabels);
        var gone = Guid.NewGuid();
        var removed = Guid.NewGuid();
        var volumeOnly = Guid.NewGuid();
        var foreign = Guid.NewGuid();
        await app.Db.InsertWorkspaceAsync(new WorkspaceSeed { Id = removed, Name = "Removed", Status = "removed" });
        await RunSleeperAsync(gone, ours);
        await RunSleeperAsync(removed, ours);
        await docker.Engine.CreateVolumeAsync(WorkspaceContainers.ConfigVolume(gone), Owned(gone, ours));
        await docker.Engine.CreateVolumeAsync(WorkspaceContainers.ConfigVolume(volumeOnly), Owned(volumeOnly, ours));
        var theirs = new Dictionary<string, string>(ours) { [ProvisionerDockerApp.AppLabel] = "another-server" };
        await RunSleeperAsync(foreign, theirs);

        var outcome = await app.Services.GetRequiredService<ContainerReconciler>().ReconcileOnceAsync(CancellationToken.None);

        outcome.RemovedContainers.Order().ShouldBe(new[] { WorkspaceContainers.ContainerName(gone), WorkspaceContainers.ContainerName(removed) }.Order());
        outcome.RemovedVolumes.ShouldBe([WorkspaceContainers.ConfigVolume(volumeOnly)]);
        outcome.MarkedOffline.ShouldBeEmpty();
        (await ProvisionerEngineJson.InspectContainerAsync(docker.Host, WorkspaceContainers.ContainerName(gone), default)).ShouldBeNull();
        (await ProvisionerEngineJson.InspectContainerAsync(docker.Host, WorkspaceContainers.ContainerName(removed), default)).ShouldBeNull();
        (await VolumeExistsAsync(docker.Engine, WorkspaceContainers.ConfigVolume(gone))).ShouldBeFalse();
        (await VolumeExistsAsync(docker.Engine, WorkspaceContainers.ConfigVolume(volumeOnly))).ShouldBeFalse();
        (await docker.Engine.InspectContainerAsync(WorkspaceContainers.ContainerName(foreign))).State.IsRunning.ShouldBeTrue();

        await docker.Engine.RemoveContainerAsync(WorkspaceContainers.ContainerName(foreign), force: true);
    }

    [Fact]
    public async Task Containers_younger_than_the_minimum_age_are_not_judged_yet()
    {
        await using var app = await ProvisionerDockerApp.StartAsync(docker, new Dictionary<string, string?> { ["Provisioner:ReconcileMinAgeSeconds"] = "3600" });
        var fresh = Guid.NewGuid();
        await RunSleeperAsync(fresh, Labels(app.ExtraLabels));

        var outcome = await app.Services.GetRequiredService<ContainerReconciler>().ReconcileOnceAsync(CancellationToken.None);

        outcome.RemovedContainers.ShouldBeEmpty();
        (await docker.Engine.InspectContainerAsync(WorkspaceContainers.ContainerName(fresh))).State.IsRunning.ShouldBeTrue();
        await docker.Engine.RemoveContainerAsync(WorkspaceContainers.ContainerName(fresh), force: true);
    }

    [Fact]
    public async Task A_workspace_claiming_a_container_that_does_not_run_goes_offline_and_is_restarted()
    {
        await using var app = await ProvisionerDockerApp.StartAsync(docker, new Dictionary<string, string?>
        {
            ["MOLECULE_RUNTIME_IMAGES"] = $"langgraph={docker.AgentImage},crewai={MissingImage}",
        });
        using var admin = app.Admin();

        // An image that is nowhere: the start fails, saying what to do.
        var id = await CreateAsync(admin, new { name = "Imageless", runtime = "crewai", tier = 2 });
        var failed = await WaitForStatusAsync(app, id, "failed");
        failed.LastSampleError.ShouldStartWith($"docker image \"{MissingImage}\" not found after pull attempt");
        failed.LastSampleError.ShouldContain("MOLECULE_RUNTIME_IMAGES=crewai=<image>");
        (await EventsAsync(app, id)).Where(e => e.Type == "WORKSPACE_PROVISION_PROGRESS").Select(e => e.Payload["stage"]!.GetValue<string>())
            .ShouldBe(["pulling_image", "creating"]);

        // The row now claims a live agent, but there is no container. (Reconcile leaves a workspace
        // alone for a moment after an operation on it, as the row may not have caught up yet.)
        await ExecuteAsync(app, "UPDATE workspaces SET status = 'online' WHERE id = @id", new { id });
        var operations = app.Services.GetRequiredService<ContainerOperations>();
        await Eventually.UntilAsync(() => !operations.IsBusy(id), "the workspace's container operations settled", TimeSpan.FromSeconds(10), PollEvery);
        var outcome = await app.Services.GetRequiredService<ContainerReconciler>().ReconcileOnceAsync(CancellationToken.None);

        outcome.MarkedOffline.ShouldBe([id]);
        var offline = await WaitForEventAsync(app, id, e => e.Type == "WORKSPACE_OFFLINE", "WORKSPACE_OFFLINE");
        offline.Payload.ToJsonString().ShouldBe("""{"source":"reconcile"}""");
        await Eventually.UntilAsync(
            async () => (await EventsAsync(app, id)).SkipWhile(e => e.Type != "WORKSPACE_OFFLINE").Any(e => e.Type == "WORKSPACE_PROVISIONING"),
            "the workspace was restarted",
            StartTimeout,
            PollEvery);
        await WaitForStatusAsync(app, id, "failed");
    }

    private async Task RunSleeperAsync(Guid workspaceId, IReadOnlyDictionary<string, string> labels)
    {
        var id = await docker.Engine.CreateContainerAsync(new DockerContainerSpec
        {
            Image = docker.AgentImage,
            Name = WorkspaceContainers.ContainerName(workspaceId),
            Cmd = ["sleep", "300"],
            Labels = Owned(workspaceId, labels),
            NetworkMode = "host",
        });
        await docker.Engine.StartContainerAsync(id);
    }

    private static Dictionary<string, string> Owned(Guid workspaceId, IReadOnlyDictionary<string, string> extra)
    {
        var labels = new Dictionary<string, string>(WorkspaceContainers.Labels(workspaceId));
        foreach (var (key, value) in extra)
        {
            labels[key] = value;
        }

        return labels;
    }

    private static Dictionary<string, string> Labels(string setting) =>
        setting.Split(',').Select(pair => pair.Split('=', 2)).ToDictionary(pair => pair[0], pair => pair[1]);
}
