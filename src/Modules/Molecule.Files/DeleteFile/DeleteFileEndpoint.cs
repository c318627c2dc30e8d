using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
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
        routes.MapDelete("/workspaces/{id}/files/{**path}", HandleAsync).RequireWorkspaceAuth();

    private static async Task<IResult> HandleAsync(
        string id,
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

        if (await workspaces.FindAsync(id, cancellationToken) is not { } workspace)
        {
            return FilesErrors.WorkspaceNotFound();
        }

        var outcome = await workspace.Backend.DeleteAsync(workspace.Row, fileRoot, relativePath, cancellationToken);
        return outcome.Status switch
        {
            FilesStatus.Done => TypedResults.Json(new FileChanged(Deleted, relativePath), FilesJsonContext.Wire.FileChanged),
            FilesStatus.NotRunning => FilesErrors.NotRunning(),
            _ => ApiError.Internal($"failed to delete: {outcome.Error}"),
        };
    }
}
