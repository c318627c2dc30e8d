using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Molecule.Kernel.Auth;
using Molecule.Kernel.Compute;
using Molecule.Kernel.Http;
using Molecule.Plugins.Allowlist;
using Molecule.Plugins.Backends;
using Molecule.Plugins.Http;
using Molecule.Plugins.Restarts;
using Molecule.Plugins.Sources;
using Molecule.Plugins.Staging;

namespace Molecule.Plugins.Install;

/// <summary>
/// POST /workspaces/{id}/plugins <c>{source, sha256?}</c>: validate the source, stage and check the
/// plugin, enforce the org allowlist, deliver it into the workspace's compute and restart the workspace.
/// </summary>
internal static class InstallEndpoint
{
    public static void Map(IEndpointRouteBuilder routes) =>
        routes.MapPost("/plugins", HandleAsync)
            .WithName("InstallPlugin")
            .Produces<InstallResponse>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status500InternalServerError)
            .ProducesProblem(StatusCodes.Status501NotImplemented)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .RequireWorkspaceAuth();

    private static async Task<Results<JsonHttpResult<InstallResponse>, ApiError>> HandleAsync(
        RouteWorkspace route,
        HttpRequest request,
        PluginSourceRegistry sources,
        PluginStager stager,
        OrgAllowlistTable allowlist,
        PluginRestarts restarts,
        IServiceProvider services,
        IOptions<PluginsOptions> options,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var body = await JsonBodyReader.ReadAsync(request, PluginsJsonContext.Wire.InstallRequest, options.Value.BodyMaxBytes);
        if (!body.Ok)
        {
            return PluginErrors.InvalidBody();
        }

        var (source, invalidSource) = SourceCheck.Validate(body.Value!.Source, sources, options.Value.AllowsUnpinned);
        if (source is null)
        {
            return invalidSource!;
        }

        var workspace = route.Row;

        var (staged, refused) = await stager.StageAsync(source, body.Value.Sha256, cancellationToken);
        if (staged is null)
        {
            return refused!;
        }

        using var plugin = staged;
        var orgId = workspace.ParentId ?? workspace.Id;
        if (!await allowlist.AllowsAsync(orgId, plugin.Name, cancellationToken))
        {
            return ApiError.Forbidden($"plugin \"{plugin.Name}\" is not in the org allowlist");
        }

        var outcome = await services.ForWorkspace<IPluginInstaller>(workspace).InstallAsync(workspace, plugin, cancellationToken);
        switch (outcome)
        {
            case PluginOperation.NotRunning:
                return PluginErrors.ContainerNotRunning();
            case PluginOperation.Failed:
                return ApiError.Internal("failed to copy plugin to container");
        }

        loggers.CreateLogger(PluginsLog.Category).Installed(plugin.Name, workspace.Id, source.ToString());
        restarts.Restart(workspace.Id, $"plugin {plugin.Name} installed");
        return TypedResults.Json(new InstallResponse(plugin.Name, source.ToString(), "installed"), PluginsJsonContext.Wire.InstallResponse);
    }
}
