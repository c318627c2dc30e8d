using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Molecule.Kernel.Auth;
using Molecule.Kernel.Compute;
using Molecule.Kernel.Http;
using Molecule.Plugins.Backends;
using Molecule.Plugins.Http;
using Molecule.Plugins.Naming;
using Molecule.Plugins.Restarts;

namespace Molecule.Plugins.Uninstall;

/// <summary>
/// DELETE /workspaces/{id}/plugins/{name}: remove the plugin, its skills and its CLAUDE.md sections
/// from the workspace's compute, then restart it. Removing a plugin that is not there succeeds.
/// </summary>
internal static class UninstallEndpoint
{
    public static void Map(IEndpointRouteBuilder routes) =>
        routes.MapDelete("/plugins/{name}", HandleAsync)
            .WithName("UninstallPlugin")
            .Produces<UninstallResponse>()
            .ProducesProblem(StatusCodes.Status500InternalServerError)
            .ProducesProblem(StatusCodes.Status501NotImplemented)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .RequireWorkspaceAuth();

    private static async Task<Results<JsonHttpResult<UninstallResponse>, ApiError>> HandleAsync(
        RouteWorkspace route,
        string name,
        PluginRestarts restarts,
        IServiceProvider services,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        if (!PluginNames.IsValid(name))
        {
            return PluginErrors.InvalidName();
        }

        var workspace = route.Row;

        var outcome = await services.ForWorkspace<IPluginInstaller>(workspace).UninstallAsync(workspace, name, cancellationToken);
        switch (outcome)
        {
            case PluginOperation.NotRunning:
                return PluginErrors.ContainerNotRunning();
            case PluginOperation.Failed:
                return ApiError.Internal("failed to remove plugin");
        }

        loggers.CreateLogger(PluginsLog.Category).Uninstalled(name, workspace.Id);
        restarts.Restart(workspace.Id, $"plugin {name} uninstalled");
        return TypedResults.Json(new UninstallResponse(name, "uninstalled"), PluginsJsonContext.Wire.UninstallResponse);
    }
}
