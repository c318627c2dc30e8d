using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Molecule.Files.Backends;
using Molecule.Files.Http;
using Molecule.Files.Paths;
using Molecule.Kernel.Auth;
using Molecule.Kernel.Http;

namespace Molecule.Files.ChatDownload;

/// <summary>
/// GET /workspaces/{id}/chat/download?path=/abs: the file's bytes as an attachment, straight from
/// the running container. Links are followed while they stay under the roots.
/// </summary>
internal static class ChatDownloadEndpoint
{
    public const string EngineUnavailable = "docker unavailable";

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/workspaces/{id}/chat/download", HandleAsync).RequireWorkspaceAuth();

    private static async Task<IResult> HandleAsync(
        string id,
        string? path,
        FilesWorkspaces workspaces,
        CancellationToken cancellationToken)
    {
        if (!RouteIds.TryParse(id, out var workspaceId))
        {
            return ApiError.BadRequest(FilesErrors.InvalidWorkspaceId);
        }

        if (DownloadPath.Refusal(path) is { } refusal)
        {
            return ApiError.BadRequest(refusal);
        }

        if (await workspaces.FindAsync(workspaceId, cancellationToken) is not { } workspace)
        {
            return FilesErrors.WorkspaceNotFound();
        }

        var opened = await workspace.Backend.OpenAsync(workspace.Row, path!, cancellationToken);
        return opened.Status switch
        {
            OpenFileStatus.Opened => new AttachmentResult(opened.File!, path![(path!.LastIndexOf('/') + 1)..]),
            OpenFileStatus.NotFound => FilesErrors.FileNotFound(),
            OpenFileStatus.NotRegularFile => ApiError.BadRequest(FilesErrors.NotRegularFile),
            OpenFileStatus.NotRunning => FilesErrors.NotRunning(),
            _ => ApiError.Unavailable(EngineUnavailable),
        };
    }
}
