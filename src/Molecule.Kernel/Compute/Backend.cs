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
/// The one rule of dispatch (ARCHITECTURE.md §3): <c>instance_id</c> set means EC2/EIC,
/// empty means Docker. Modules register one keyed implementation per backend and resolve it here.
/// </summary>
public static class BackendDispatch
{
    public static Backend For(string? instanceId) =>
        string.IsNullOrWhiteSpace(instanceId) ? Backend.Docker : Backend.Ec2;

    public static T ForWorkspace<T>(this IServiceProvider services, WorkspaceRef workspace)
        where T : notnull =>
        services.GetRequiredKeyedService<T>(workspace.Backend);

    public static string ToWire(this Backend backend) => backend == Backend.Docker ? "docker" : "ec2";
}
