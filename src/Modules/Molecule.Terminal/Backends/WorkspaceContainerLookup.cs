using Molecule.Docker;
using Molecule.Docker.Workspaces;

namespace Molecule.Terminal.Backends;

/// <summary>
/// Finds a workspace's container under the names it may have (<see cref="WorkspaceContainers.ContainerNameCandidates"/>),
/// preferring a running one, as the reference's terminal does.
/// </summary>
internal sealed class WorkspaceContainerLookup(IDockerEngine engine)
{
    /// <summary>
    /// The first running candidate, else the first that exists, else null. Engine failures other
    /// than "no such container" propagate (<see cref="DockerUnavailableException"/> when unreachable).
    /// </summary>
    public async Task<DockerContainer?> FindAsync(Guid workspaceId, CancellationToken cancellationToken)
    {
        DockerContainer? firstFound = null;
        foreach (var name in WorkspaceContainers.ContainerNameCandidates(workspaceId))
        {
            DockerContainer container;
            try
            {
                container = await engine.InspectContainerAsync(name, cancellationToken);
            }
            catch (DockerNotFoundException)
            {
                continue;
            }

            if (container.State.IsRunning)
            {
                return container;
            }

            firstFound ??= container;
        }

        return firstFound;
    }
}
