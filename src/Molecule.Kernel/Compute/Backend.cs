using Microsoft.Extensions.DependencyInjection;
using Molecule.Kernel.Workspaces;

namespace Molecule.Kernel.Compute;

/// <summary>Where a workspace's compute lives.</summary>
public enum Backend
{
    Docker,
    Ec2,
}

/// <summary>
/// The one rule of dispatch (ARCHITECTURE.md §3): <c>instance_id</c> set means EC2/EIC; otherwise
/// the row's <c>compute_backend</c>, written once at create. There is no other fallback: a changed
/// <c>Provisioner:DefaultBackend</c> never moves an existing workspace. Modules register one keyed
/// implementation per backend and resolve it here.
/// </summary>
public static class BackendDispatch
{
    public static Backend For(string? instanceId, Backend computeBackend) =>
        string.IsNullOrWhiteSpace(instanceId) ? computeBackend : Backend.Ec2;

    public static T ForWorkspace<T>(this IServiceProvider services, WorkspaceRef workspace)
        where T : notnull =>
        services.GetRequiredKeyedService<T>(workspace.Backend);

    public static string ToWire(this Backend backend) => backend == Backend.Docker ? "docker" : "ec2";

    public static bool TryParse(string? wire, out Backend backend)
    {
        switch (wire)
        {
            case "docker":
                backend = Backend.Docker;
                return true;
            case "ec2":
                backend = Backend.Ec2;
                return true;
            default:
                backend = default;
                return false;
        }
    }

    /// <summary>A stored <c>compute_backend</c>; the column's CHECK allows nothing else.</summary>
    public static Backend Parse(string? wire) =>
        TryParse(wire, out var backend) ? backend : throw new FormatException($"unknown compute backend '{wire}'");
}
