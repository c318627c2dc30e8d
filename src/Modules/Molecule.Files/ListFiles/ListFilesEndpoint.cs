using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Molecule.Files.Http;
using Molecule.Files.Paths;
using Molecule.Files.Templates;
using Molecule.Kernel.Auth;
using Molecule.Kernel.Http;

namespace Molecule.Files.ListFiles;

/// <summary>
/// GET /workspaces/{id}/files?root=&amp;path=&amp;depth=: the workspace's files from its container,
/// else from its template directory (root ignored there, as in the reference), else <c>[]</c>.
/// </summary>
internal static class ListFilesEndpoint
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/files", HandleAsync)
            .WithName("ListFiles")
            .Produces<IReadOnlyList<FileEntry>>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .RequireWorkspaceAuth();

    private static async Task<Results<JsonHttpResult<IReadOnlyList<FileEntry>>, ApiError>> HandleAsync(
        RouteWorkspace route,
        string? root,
        string? path,
        string? depth,
        FilesWorkspaces workspaces,
        WorkspaceTemplates templates,
        CancellationToken cancellationToken)
    {
        if (!FileRoots.TryParse(root, out var listedRoot))
        {
            return ApiError.BadRequest(FileRoots.InvalidRoot);
        }

        string? relativeDirectory = null;
        if (!string.IsNullOrEmpty(path) && (relativeDirectory = RelativeFilePath.Normalize(path)) is null)
        {
            return ApiError.BadRequest(RelativeFilePath.Invalid);
        }

        if (!ListingRules.TryParseDepth(depth, out var levels))
        {
            return ApiError.BadRequest(ListingRules.InvalidDepth);
        }

        var workspace = workspaces.For(route.Row);

        var directory = relativeDirectory is null ? listedRoot : FileRoots.Join(listedRoot, relativeDirectory);
        var entries = await workspace.Backend.ListAsync(workspace.Row, directory, levels, cancellationToken)
            ?? (templates.Find(workspace.Row.Name) is { } template ? TemplateFiles.List(template, relativeDirectory, levels) : []);
        return TypedResults.Json(entries, FilesJsonContext.Wire.IReadOnlyListFileEntry);
    }
}
