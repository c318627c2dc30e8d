using Molecule.Docker.Workspaces;

namespace Molecule.Tests.Docker;

public sealed class WorkspaceContainersTests
{
    private static readonly Guid Id = Guid.Parse("1a2b3c4d-5e6f-4a8b-9c0d-112233445566");

    [Fact]
    public void Names_follow_the_reference()
    {
        WorkspaceContainers.ContainerName(Id).ShouldBe("ws-1a2b3c4d-5e6");
        WorkspaceContainers.ConfigVolume(Id).ShouldBe("ws-1a2b3c4d-5e6-configs");
        WorkspaceContainers.SessionsVolume(Id).ShouldBe("ws-1a2b3c4d-5e6-claude-sessions");
        WorkspaceContainers.WorkspaceVolume(Id).ShouldBe("ws-1a2b3c4d-5e6f-4a8b-9c0d-112233445566-workspace");
        WorkspaceContainers.InternalUrl(Id).ShouldBe("http://ws-1a2b3c4d-5e6:8000");
        WorkspaceContainers.ContainerNameCandidates(Id).ShouldBe(["ws-1a2b3c4d-5e6", "ws-1a2b3c4d-5e6f-4a8b-9c0d-112233445566"]);
    }

    [Fact]
    public void Labels_mark_the_resource_as_ours_and_name_its_workspace()
    {
        var labels = WorkspaceContainers.Labels(Id);

        labels["molecule.platform.managed"].ShouldBe("true");
        labels["molecule.workspace.id"].ShouldBe(Id.ToString());
    }
}
