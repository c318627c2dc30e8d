using Microsoft.Extensions.DependencyInjection;
using Molecule.Kernel.Compute;
using Molecule.Kernel.Workspaces;
using Molecule.Testing;

namespace Molecule.IntegrationTests.Provisioner;

/// <summary>What the A2A proxy asks before declaring an unreachable agent dead.</summary>
[Collection(DockerEngineFixture.Collection)]
public sealed class DockerRunningCheckTests(DockerEngineFixture docker)
{
    [Fact]
    public async Task A_container_counts_as_running_only_while_it_runs()
    {
        await using var app = await ProvisionerDockerApp.StartAsync(docker, new Dictionary<string, string?>());
        var compute = app.Services.GetRequiredKeyedService<IWorkspaceCompute>(Backend.Docker);
        var id = Guid.NewGuid();
        var workspace = new WorkspaceRef(id, "probe", "langgraph", 2, WorkspaceStatus.Online, null, null, null);

        (await compute.IsRunningAsync(workspace, CancellationToken.None)).ShouldBeFalse(); // no container at all

        var container = await docker.RunWorkspaceContainerAsync(id);
        (await compute.IsRunningAsync(workspace, CancellationToken.None)).ShouldBeTrue();

        await docker.Engine.KillContainerAsync(container);
        (await compute.IsRunningAsync(workspace, CancellationToken.None)).ShouldBeFalse();
    }

    [Fact]
    public async Task An_engine_that_cannot_answer_does_not_declare_anything_dead()
    {
        await using var app = await ProvisionerDockerApp.StartAsync(docker, new Dictionary<string, string?>
        {
            ["DOCKER_HOST"] = "unix:///tmp/no-such-dockerd.sock",
        });
        var compute = app.Services.GetRequiredKeyedService<IWorkspaceCompute>(Backend.Docker);
        var workspace = new WorkspaceRef(Guid.NewGuid(), "probe", "langgraph", 2, WorkspaceStatus.Online, null, null, null);

        (await compute.IsRunningAsync(workspace, CancellationToken.None)).ShouldBeTrue();
    }
}
