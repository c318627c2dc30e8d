using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Molecule.Files.Archive;
using Molecule.Files.Backends;
using Molecule.Files.Http;
using Molecule.Kernel.Auth;
using Molecule.Kernel.Http;

namespace Molecule.Files.ChatUploads;

/// <summary>
/// POST /workspaces/{id}/chat/uploads (multipart, one or more <c>files</c> parts): stores each file
/// in the running container under <see cref="UploadNames.Directory"/> and answers the
/// <c>workspace:</c> URIs the agent reads them by. At most 25 MiB a file and 50 MiB a request.
/// </summary>
internal static class ChatUploadsEndpoint
{
    public const long MaxRequestBytes = 50L * 1024 * 1024;
    public const long MaxFileBytes = 25L * 1024 * 1024;

    public const string FieldName = "files";
    public const string RequestTooLarge = "upload exceeds total limit (50 MB)";
    public const string InvalidForm = "failed to parse multipart form";
    public const string NoFiles = "expected at least one 'files' field";
    public const string StagingFailed = "failed to stage files in workspace";

    private const string UriScheme = "workspace:";

    // The server's own cap sits a little above ours, so a body without a declared length meets ours first.
    private const long KestrelSlackBytes = 1024 * 1024;

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder routes) =>
        routes.MapPost("/chat/uploads", HandleAsync)
            .WithName("UploadChatFiles")
            .Produces<ChatUploadsResponse>()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status500InternalServerError)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .RequireWorkspaceAuth();

    private static async Task<Results<JsonHttpResult<ChatUploadsResponse>, ApiError>> HandleAsync(
        RouteWorkspace route,
        HttpRequest request,
        FilesWorkspaces workspaces,
        CancellationToken cancellationToken)
    {
        var workspace = workspaces.For(route.Row);

        if (request.ContentLength > MaxRequestBytes)
        {
            return FilesErrors.TooLarge(RequestTooLarge);
        }

        if (!request.HasFormContentType)
        {
            return ApiError.BadRequest(InvalidForm);
        }

        RequestBodies.AllowUpTo(request.HttpContext, MaxRequestBytes + KestrelSlackBytes);
        request.Body = new CappedReadStream(request.Body, MaxRequestBytes);
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(cancellationToken);
        }
        catch (BodyTooLargeException)
        {
            return FilesErrors.TooLarge(RequestTooLarge);
        }
        catch (Exception exception) when (exception is InvalidDataException or IOException)
        {
            return ApiError.BadRequest(InvalidForm);
        }

        var parts = form.Files.GetFiles(FieldName);
        if (parts.Count == 0)
        {
            return ApiError.BadRequest(NoFiles);
        }

        if (parts.FirstOrDefault(part => part.Length > MaxFileBytes) is { } oversized)
        {
            return FilesErrors.TooLarge($"{UploadNames.BaseName(oversized.FileName)} exceeds per-file limit (25 MB)");
        }

        var staged = new List<ArchiveFile>(parts.Count);
        var uploaded = new List<UploadedChatFile>(parts.Count);
        var storedNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var part in parts)
        {
            var name = UploadNames.Sanitize(part.FileName);
            string stored;
            do
            {
                stored = UploadNames.StoredName(name);
            }
            while (!storedNames.Add(stored));

            staged.Add(new ArchiveFile(stored, part.OpenReadStream()));
            var mimeType = string.IsNullOrEmpty(part.ContentType) ? ContentTypes.ForName(name) : part.ContentType;
            uploaded.Add(new UploadedChatFile($"{UriScheme}{UploadNames.Directory}/{stored}", name, mimeType, part.Length));
        }

        var outcome = await workspace.Backend.StageChatUploadsAsync(workspace.Row, staged, cancellationToken);
        return outcome.Status switch
        {
            FilesStatus.Done => TypedResults.Json(new ChatUploadsResponse(uploaded), FilesJsonContext.Wire.ChatUploadsResponse),
            FilesStatus.NotRunning or FilesStatus.Unavailable => FilesErrors.NotRunning(),
            _ => ApiError.Internal(StagingFailed),
        };
    }
}
