using Microsoft.Extensions.Options;
using Molecule.Kernel.Compute;
using Molecule.Kernel.Workspaces;
using Molecule.Terminal.Backends.Ec2;
using Molecule.Terminal.Diagnose;

namespace Molecule.Terminal.Backends;

/// <summary>
/// The terminal of an EC2 workspace. The interactive shell through Instance Connect is not built
/// yet: the terminal answers the one "not available on this backend" 501. The diagnose runs the
/// real pipeline (key, Instance Connect push, tunnel, ssh probe) and names the stage that broke.
/// </summary>
internal sealed class Ec2TerminalBackend(
    Ec2DiagnoseDependencies dependencies,
    DiagnoseRunner runner,
    IOptions<TerminalOptions> options) : ITerminalBackend
{
    public const string Terminal = "terminal";

    public Task<TerminalTarget> LocateAsync(WorkspaceRef workspace, CancellationToken cancellationToken) =>
        throw new BackendNotAvailableException(Terminal, Backend.Ec2);

    public async Task<TerminalDiagnosis> DiagnoseAsync(WorkspaceRef workspace, CancellationToken cancellationToken)
    {
        var instanceId = workspace.InstanceId
            ?? throw new InvalidOperationException($"workspace {workspace.Id} is on EC2 but has no instance id");
        await using var stages = new Ec2DiagnoseStages(dependencies, instanceId, options.Value.Ec2OsUser);
        var steps = await runner.RunAsync(stages.All, cancellationToken);
        return TerminalDiagnosis.Of(workspace.Id, Backend.Ec2.ToWire(), instanceId, steps);
    }
}
