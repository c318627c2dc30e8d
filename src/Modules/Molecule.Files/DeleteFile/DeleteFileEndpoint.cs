using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Molecule.Files.Backends;
using Molecule.Files.Http;
using Molecule.Files.Paths;
using Molecule.Kernel.Auth;
using Molecule.Kernel.Http;

namespace Molecule.Files.DeleteFile;

/// <summary>
/// DELETE /workspaces/{id}/files/{path}: removes <c>/configs/&lt;path&gt;</c> (or under <c>?root=</c>),
/// a directory with its contents. The reference refused every request (ARCHITECTURE.md §9.5); a
/// missing path is not an error, as with its <c>rm -f</c>.
/// </summary>
internal static class DeleteFileEndpoint
{
    public const string Deleted = "deleted";

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder routes) =>
        routes.MapDelete("/files/{**path}", HandleAsync)
            .WithName("DeleteFile")
            .Produces<FileChanged>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status500InternalServerError)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .RequireWorkspaceAuth();

    private static async Task<Results<JsonHttpResult<FileChanged>, ApiError>> HandleAsync(
        RouteWorkspace route,
        string? path,
        string? root,
        FilesWorkspaces workspaces,
        CancellationToken cancellationToken)
    {
        if (!FileTarget.TryParse(path, root, out var target, out var invalid))
        {
            return invalid;
        }

        var (relativePath, fileRoot) = target;

        var workspace = workspaces.For(route.Row);

        var outcome = await workspace.Backend.DeleteAsync(workspace.Row, fileRoot, relativePath, cancellationToken);
        return outcome.Status switch
        {
            FilesStatus.Done => TypedResults.Json(new FileChanged(Deleted, relativePath), FilesJsonContext.Wire.FileChanged),
            FilesStatus.NotRunning => FilesErrors.NotRunning(),
            _ => ApiError.Internal($"failed to delete: {outcome.Error}"),
        };
    }
}
