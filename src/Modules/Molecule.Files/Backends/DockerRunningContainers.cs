using Molecule.Docker;
using Molecule.Docker.Workspaces;

namespace Molecule.Files.Backends;

/// <summary>Finds the workspace's container when it is running, by the names the provisioner gives it.</summary>
internal sealed class DockerRunningContainers(IDockerEngine docker)
{
    /// <summary>
    /// The id of the first running container among <see cref="WorkspaceContainers.ContainerNameCandidates"/>,
    /// or null. <see cref="DockerUnavailableException"/> passes through: "no engine" is not "not running".
    /// </summary>
    public async Task<string?> FindAsync(Guid workspaceId, CancellationToken cancellationToken)
    {
        foreach (var name in WorkspaceContainers.ContainerNameCandidates(workspaceId))
        {
            try
            {
                var container = await docker.InspectContainerAsync(name, cancellationToken);
                if (container.State.IsRunning)
                {
                    return container.Id;
                }
            }
            catch (DockerNotFoundException)
            {
                // Not under this name; try the next.
            }
        }

        return null;
    }
}
