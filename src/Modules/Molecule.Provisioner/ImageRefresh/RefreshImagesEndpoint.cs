using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Molecule.Kernel.Auth;
using Molecule.Kernel.Http;
using Molecule.Kernel.Runtimes;

namespace Molecule.Provisioner.ImageRefresh;

/// <summary>
/// POST /admin/workspace-images/refresh?runtime=&amp;recreate= (admin): pulls the workspace image of
/// one runtime (or all) and, unless <c>recreate</c> is anything but <c>true</c>, replaces the
/// containers that run a freshly pulled image. Answers <c>{pulled, failed, recreated}</c>.
/// </summary>
internal static class RefreshImagesEndpoint
{
    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/admin/workspace-images/refresh", RefreshAsync)
            .WithName("RefreshWorkspaceImages")
            .Produces<JsonObject>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .RequireAdminAuth();

    private static async Task<Results<JsonHttpResult<JsonObject>, ApiError>> RefreshAsync(
        HttpRequest request, IRuntimeCatalog runtimes, WorkspaceImageRefresher refresher, CancellationToken cancellationToken)
    {
        var runtime = request.Query["runtime"].ToString();
        var known = runtimes.RuntimesWithImages;
        if (runtime.Length > 0 && !known.Contains(runtime, StringComparer.Ordinal))
        {
            return ApiError.BadRequest($"unknown runtime: {runtime}", new JsonObject { ["known_runtimes"] = Names(known) });
        }

        var recreate = !request.Query.ContainsKey("recreate") || request.Query["recreate"] == "true";
        try
        {
            var outcome = await refresher.RefreshAsync(runtime.Length > 0 ? [runtime] : known, recreate, cancellationToken);
            return ProvisionerJson.Ok(Body(outcome));
        }
        catch (ContainerListException exception)
        {
            return ApiError.Internal(exception.Message, new JsonObject { ["partial_result"] = Body(exception.Partial) });
        }
    }

    private static JsonObject Body(ImageRefreshOutcome outcome) => new()
    {
        ["pulled"] = Names(outcome.Pulled),
        ["failed"] = Names(outcome.Failed),
        ["recreated"] = Names(outcome.Recreated),
    };

    private static JsonArray Names(IEnumerable<string> names) => [.. names.Select(name => (JsonNode)name)];
}
