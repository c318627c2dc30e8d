using Microsoft.Extensions.Logging;
using Molecule.Docker;
using Molecule.Kernel.Compute;
using Molecule.Kernel.Http;
using Molecule.Kernel.Workspaces;
using Molecule.Terminal.Diagnose;

namespace Molecule.Terminal.Backends;

/// <summary>The terminal on a workspace container of the local Docker engine.</summary>
internal sealed partial class DockerTerminalBackend(
    IDockerEngine engine,
    WorkspaceContainerLookup containers,
    DockerSessionReaper reaper,
    DiagnoseRunner runner,
    TimeProvider clock,
    ILogger<DockerTerminalBackend> logger) : ITerminalBackend
{
    public async Task<TerminalTarget> LocateAsync(WorkspaceRef workspace, CancellationToken cancellationToken)
    {
        DockerContainer? container;
        try
        {
            container = await containers.FindAsync(workspace.Id, cancellationToken);
        }
        catch (DockerException exception)
        {
            LogEngineUnavailable(exception, workspace.Id);
            return TerminalTarget.Refused(ApiError.Unavailable("Docker not available"));
        }

        return container is { State.IsRunning: true }
            ? TerminalTarget.Ready(new DockerTerminalShell(engine, reaper, clock, logger, container.Id))
            : TerminalTarget.Refused(ApiError.NotFound("container not running"));
    }

    public async Task<TerminalDiagnosis> DiagnoseAsync(WorkspaceRef workspace, CancellationToken cancellationToken)
    {
        var stages = new DockerDiagnoseStages(engine, containers, workspace.Id);
        var steps = await runner.RunAsync(stages.All, cancellationToken);
        return TerminalDiagnosis.Of(workspace.Id, Backend.Docker.ToWire(), workspace.InstanceId, steps);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Terminal for workspace {WorkspaceId}: the Docker engine is not available")]
    private partial void LogEngineUnavailable(Exception exception, Guid workspaceId);
}
