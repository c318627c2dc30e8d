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
        routes.MapGet("/chat/download", HandleAsync)
            .WithName("DownloadChatFile")
            .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream")
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .RequireWorkspaceAuth();

    private static async Task<IResult> HandleAsync(
        RouteWorkspace route,
        string? path,
        FilesWorkspaces workspaces,
        CancellationToken cancellationToken)
    {
        if (DownloadPath.Refusal(path) is { } refusal)
        {
            return ApiError.BadRequest(refusal);
        }

        var workspace = workspaces.For(route.Row);

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
