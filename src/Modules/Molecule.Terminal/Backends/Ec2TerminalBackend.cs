using Molecule.Kernel.Compute;
using Molecule.Kernel.Workspaces;
using Molecule.Terminal.Diagnose;

namespace Molecule.Terminal.Backends;

/// <summary>
/// Stands in for the EC2 / Instance Connect terminal until it is built: the terminal answers the one
/// "not available on this backend" 501. The diagnose keeps its always-200 contract (ARCHITECTURE.md
/// §9.6) and reports the same answer as its single failed step, so callers need not branch.
/// </summary>
internal sealed class Ec2TerminalBackend : ITerminalBackend
{
    public const string NotBuiltStep = "not-built";
    public const string Terminal = "terminal";
    public const string Diagnose = "terminal diagnose";

    public Task<TerminalTarget> LocateAsync(WorkspaceRef workspace, CancellationToken cancellationToken) =>
        throw new BackendNotAvailableException(Terminal, Backend.Ec2);

    public Task<TerminalDiagnosis> DiagnoseAsync(WorkspaceRef workspace, CancellationToken cancellationToken)
    {
        var step = new DiagnoseStep(
            NotBuiltStep,
            Ok: false,
            DurationMs: 0,
            new BackendNotAvailableException(Diagnose, Backend.Ec2).Message,
            $"instance {workspace.InstanceId}: the EC2 stages (ssh-keygen, send-ssh-public-key, pick-free-port, open-tunnel, wait-for-port, ssh-probe) arrive with the EC2 backend");
        return Task.FromResult(TerminalDiagnosis.Of(workspace.Id, Backend.Ec2.ToWire(), workspace.InstanceId, [step]));
    }
}
