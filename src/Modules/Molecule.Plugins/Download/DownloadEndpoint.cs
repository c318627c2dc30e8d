using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Molecule.Kernel.Auth;
using Molecule.Kernel.Http;
using Molecule.Plugins.Http;
using Molecule.Plugins.Naming;
using Molecule.Plugins.Packing;
using Molecule.Plugins.Sources;
using Molecule.Plugins.Staging;

namespace Molecule.Plugins.Download;

/// <summary>
/// GET /workspaces/{id}/plugins/{name}/download[?source=]: the plugin as a tar.gz for an agent to unpack
/// itself (the path remote and EC2 agents use). Behind the second gate: once the workspace has a live
/// token, only its own bearer passes. Staged and checked exactly as for an install, minus the allowlist.
/// </summary>
internal static class DownloadEndpoint
{
    public static void Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/plugins/{name}/download", HandleAsync)
            .WithName("DownloadPlugin")
            .Produces(StatusCodes.Status200OK, contentType: "application/gzip")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .RequireWorkspaceAuth();

    private static async Task<IResult> HandleAsync(
        RouteWorkspace route,
        string name,
        string? source,
        HttpContext context,
        IWorkspaceTokens tokens,
        PluginSourceRegistry sources,
        PluginStager stager,
        IOptions<PluginsOptions> options,
        CancellationToken cancellationToken)
    {
        if (!PluginNames.IsValid(name))
        {
            return PluginErrors.InvalidName();
        }

        var workspace = route.Row;

        if (await tokens.RequireOwnBearerAsync(context, workspace.Id, cancellationToken) is { } denied)
        {
            return denied;
        }

        var (pluginSource, invalidSource) = SourceCheck.Validate(
            string.IsNullOrEmpty(source) ? $"{PluginSource.Local}://{name}" : source, sources, options.Value.AllowsUnpinned);
        if (pluginSource is null)
        {
            return invalidSource!;
        }

        var (staged, refused) = await stager.StageAsync(pluginSource, expectedSha256: null, cancellationToken);
        if (staged is null)
        {
            return refused!;
        }

        using var plugin = staged;
        if (plugin.Name != name)
        {
            return ApiError.BadRequest(
                $"source resolved to plugin \"{plugin.Name}\" but URL requested \"{name}\"",
                new JsonObject { ["resolved_name"] = plugin.Name, ["requested_name"] = name });
        }

        var archive = await PackAsync(plugin, cancellationToken);
        if (archive is null)
        {
            return ApiError.Internal("failed to pack plugin", new JsonObject { ["plugin"] = name });
        }

        var headers = context.Response.Headers;
        headers[HeaderNames.ContentDisposition] = $"attachment; filename=\"{name}.tar.gz\"";
        headers["X-Plugin-Name"] = name;
        headers["X-Plugin-Source"] = pluginSource.ToString();
        return TypedResults.Stream(archive, "application/gzip");
    }

    /// <summary>
    /// Packs into the staging area and returns the open archive. Disposing the staging afterwards
    /// unlinks the file; the open handle keeps it readable until the response is sent.
    /// </summary>
    private static async Task<FileStream?> PackAsync(StagedPlugin plugin, CancellationToken cancellationToken)
    {
        var archive = new FileStream(plugin.ScratchFile("download.tar.gz"), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None);
        try
        {
            await PluginArchives.WriteDownloadAsync(plugin, archive, cancellationToken);
            archive.Position = 0;
            return archive;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            await archive.DisposeAsync();
            return null;
        }
    }
}
