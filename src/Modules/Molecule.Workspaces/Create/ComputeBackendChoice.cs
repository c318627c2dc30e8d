using Molecule.Kernel.Compute;

namespace Molecule.Workspaces.Create;

/// <summary>
/// The create body's optional <c>compute_backend</c>: <c>docker</c> or <c>ec2</c>, absent meaning
/// Provisioner:DefaultBackend. A workspace is refused up front when its backend cannot place it
/// (the EC2 variables are missing), rather than created to fail in the background. External
/// workspaces run elsewhere: only the value's spelling is checked for them.
/// </summary>
internal static class ComputeBackendChoice
{
    public const string Invalid = "invalid compute_backend: must be docker or ec2";

    public static (Backend Backend, string? Error) Resolve(string? requested, NewWorkspace workspace, IProvisioningPolicy policy)
    {
        var backend = policy.DefaultBackend;
        if (requested is not null && !BackendDispatch.TryParse(requested.Trim().ToLowerInvariant(), out backend))
        {
            return (policy.DefaultBackend, Invalid);
        }

        return !workspace.External && policy.MissingConfiguration(backend, workspace.Runtime) is { } missing
            ? (backend, missing)
            : (backend, null);
    }
}
