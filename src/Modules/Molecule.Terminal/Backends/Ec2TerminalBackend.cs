using Molecule.Kernel.Compute;
using Molecule.Kernel.Http;
using Molecule.Kernel.Workspaces;
using Molecule.Terminal.Diagnose;

namespace Molecule.Terminal.Backends;

/// <summary>
/// Stands in for the EC2 / Instance Connect terminal until it is built: the terminal answers 501,
/// the diagnose a single failed step saying so (same body shape, so callers need not branch).
/// </summary>
internal sealed class Ec2TerminalBackend : ITerminalBackend
{
    public const string NotBuiltStep = "not-built";
    public const string TerminalNotBuilt = "terminal for EC2 workspaces is not built yet";
    public const string DiagnoseNotBuilt = "terminal diagnose for EC2 workspaces is not built yet";

    public Task<TerminalTarget> LocateAsync(WorkspaceRef workspace, CancellationToken cancellationToken) =>
        Task.FromResult(TerminalTarget.Refused(ApiError.Of(501, TerminalNotBuilt)));

    public Task<TerminalDiagnosis> DiagnoseAsync(WorkspaceRef workspace, CancellationToken cancellationToken)
    {
        var step = new DiagnoseStep(
            NotBuiltStep,
            Ok: false,
            DurationMs: 0,
            DiagnoseNotBuilt,
            $"instance {workspace.InstanceId}: the EC2 stages (ssh-keygen, send-ssh-public-key, pick-free-port, open-tunnel, wait-for-port, ssh-probe) arrive with the EC2 backend");
        return Task.FromResult(TerminalDiagnosis.Of(workspace.Id, Backend.Ec2.ToWire(), workspace.InstanceId, [step]));
    }
}
