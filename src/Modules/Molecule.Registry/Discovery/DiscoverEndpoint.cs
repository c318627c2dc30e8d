using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Molecule.Kernel.Configuration;
using Molecule.Kernel.Http;
using Molecule.Kernel.Net;
using Molecule.Kernel.Workspaces;
using Molecule.Registry.Gates;
using Molecule.Registry.Register;

namespace Molecule.Registry.Discovery;

/// <summary>GET /registry/discover/{id}: the URL a calling workspace should use to reach a peer.</summary>
internal static class DiscoverEndpoint
{
    public static async Task<Results<JsonHttpResult<DiscoverResponse>, ApiError>> HandleAsync(
        string id,
        HttpContext context,
        RegistryGate gate,
        IWorkspaceDirectory directory,
        IWorkspaceHierarchy hierarchy,
        IOptions<PlatformOptions> platform)
    {
        var callerHeader = CallerHeaders.Caller(context.Request);
        if (callerHeader.Length == 0)
        {
            return ApiError.BadRequest("X-Workspace-ID header is required");
        }

        if (!RouteIds.TryParse(callerHeader, out var callerId) || !RouteIds.TryParse(id, out var targetId))
        {
            return ApiError.BadRequest("invalid workspace ID");
        }

        if (await gate.CheckDiscoveryAsync(context, callerId, platform.Value) is { } denied)
        {
            return denied;
        }

        if (!await hierarchy.CanCommunicateAsync(callerId, targetId, context.RequestAborted))
        {
            return ApiError.Forbidden("not authorized to discover this workspace");
        }

        var target = await directory.FindAsync(targetId, context.RequestAborted);
        if (target is null || target.Status == WorkspaceStatus.Removed)
        {
            return ApiError.NotFound("workspace not found");
        }

        if (target.IsExternal && !string.IsNullOrEmpty(target.Url))
        {
            var caller = await directory.FindAsync(callerId, context.RequestAborted);
            var url = caller is { IsExternal: true } ? target.Url : RewriteLoopbackForContainers(target.Url);
            if (await OutboundUrlGuard.CheckAsync(target.Url, RegisterEndpoint.UrlContext(platform.Value) with { AllowLoopback = true }, context.RequestAborted) is not null)
            {
                return ApiError.Unavailable("workspace URL failed safety check");
            }

            return TypedResults.Json(new DiscoverResponse(target.Id, url, target.Name), RegistryJsonContext.Default.DiscoverResponse);
        }

        if (target.Status is WorkspaceStatus.Online or WorkspaceStatus.Degraded)
        {
            var url = string.IsNullOrEmpty(target.Url) ? InternalUrl(target.Id) : target.Url;
            return TypedResults.Json(new DiscoverResponse(target.Id, url, target.Name), RegistryJsonContext.Default.DiscoverResponse);
        }

        return ApiError.Unavailable("workspace not available", new JsonObject { ["status"] = target.Status.ToWire() });
    }

    /// <summary>The Docker-network name of a workspace container, as the reference derives it.</summary>
    internal static string InternalUrl(Guid id) => $"http://ws-{id.ToString()[..12]}:8000";

    /// <summary>An external agent on the operator's machine is reached from containers via host.docker.internal.</summary>
    private static string RewriteLoopbackForContainers(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || !(uri.IsLoopback || uri.Host == "localhost"))
        {
            return url;
        }

        return new UriBuilder(uri) { Host = "host.docker.internal" }.Uri.ToString().TrimEnd('/');
    }
}
