using Molecule.Docker;
using Molecule.Docker.Workspaces;

namespace Molecule.Provisioner.Docker;

/// <summary>
/// Stops and removes a workspace's containers and volumes by name. What is already gone counts as
/// done, so every call can be retried.
/// </summary>
internal sealed class WorkspaceResources(IDockerEngine engine, ContainerOperations operations)
{
    /// <summary>How long an agent gets to exit on SIGTERM before the engine kills it.</summary>
    public static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(10);

    /// <summary>Stops every container the workspace may have, keeping them and their volumes.</summary>
    public async Task StopContainersAsync(Guid workspaceId, CancellationToken cancellationToken)
    {
        foreach (var name in WorkspaceContainers.ContainerNameCandidates(workspaceId))
        {
            try
            {
                var container = await engine.InspectContainerAsync(name, cancellationToken);
                operations.ExpectExit(container.Id);
                await engine.StopContainerAsync(container.Id, StopGrace, cancellationToken);
            }
            catch (DockerNotFoundException)
            {
            }
        }
    }

    /// <summary>Force-removes every container the workspace may have (their anonymous volumes too).</summary>
    public async Task RemoveContainersAsync(Guid workspaceId, CancellationToken cancellationToken)
    {
        foreach (var name in WorkspaceContainers.ContainerNameCandidates(workspaceId))
        {
            try
            {
                await RemoveContainerAsync((await engine.InspectContainerAsync(name, cancellationToken)).Id, cancellationToken);
            }
            catch (DockerNotFoundException)
            {
            }
        }
    }

    /// <summary>Force-removes one container by its full id (so its exit is known to be ours).</summary>
    public async Task RemoveContainerAsync(string containerId, CancellationToken cancellationToken)
    {
        operations.ExpectExit(containerId);
        try
        {
            await engine.RemoveContainerAsync(containerId, force: true, removeVolumes: true, cancellationToken);
        }
        catch (DockerNotFoundException)
        {
        }
        catch (DockerConflictException exception) when (exception.EngineMessage.Contains("already in progress", StringComparison.OrdinalIgnoreCase))
        {
            // Someone else is removing it right now: the end result is the same.
        }
    }

    /// <summary>
    /// Removes the workspace's named volumes — config, workspace (which the reference leaked) and
    /// sessions — and any other volume labelled with its id. Host directories are never touched.
    /// </summary>
    public async Task RemoveVolumesAsync(Guid workspaceId, CancellationToken cancellationToken)
    {
        var names = new HashSet<string>(StringComparer.Ordinal)
        {
            WorkspaceContainers.ConfigVolume(workspaceId),
            WorkspaceContainers.WorkspaceVolume(workspaceId),
            WorkspaceContainers.SessionsVolume(workspaceId),
        };
        foreach (var volume in await engine.ListVolumesAsync([$"{WorkspaceContainers.WorkspaceLabel}={workspaceId:D}"], cancellationToken))
        {
            names.Add(volume.Name);
        }

        foreach (var name in names)
        {
            await RemoveVolumeAsync(name, cancellationToken);
        }
    }

    public async Task RemoveVolumeAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            await engine.RemoveVolumeAsync(name, force: true, cancellationToken);
        }
        catch (DockerNotFoundException)
        {
        }
    }
}
