using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Molecule.Files.Archive;
using Molecule.Files.Backends;
using Molecule.Files.Http;
using Molecule.Files.Paths;
using Molecule.Kernel.Auth;
using Molecule.Kernel.Http;

namespace Molecule.Files.WriteFile;

/// <summary>
/// PUT /workspaces/{id}/files/{path} <c>{content}</c>: writes <c>/configs/&lt;path&gt;</c> (or under
/// <c>?root=</c>, an addition to the reference), through the running container, else through the
/// config volume. Parent directories are created.
/// </summary>
internal static class WriteFileEndpoint
{
    public const string Saved = "saved";

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder routes) =>
        routes.MapPut("/files/{**path}", HandleAsync)
            .WithName("WriteFile")
            .Produces<FileChanged>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status500InternalServerError)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .RequireWorkspaceAuth();

    private static async Task<Results<JsonHttpResult<FileChanged>, ApiError>> HandleAsync(
        RouteWorkspace route,
        string? path,
        string? root,
        HttpRequest request,
        FilesWorkspaces workspaces,
        IOptions<FilesOptions> options,
        CancellationToken cancellationToken)
    {
        if (!FileTarget.TryParse(path, root, out var target, out var invalid))
        {
            return invalid;
        }

        var (relativePath, fileRoot) = target;

        var maxBytes = options.Value.MaxFileBytes;
        RequestBodies.AllowUpTo(request.HttpContext, options.Value.MaxBodyBytes);
        var body = await JsonBodyReader.ReadAsync(request, FilesJsonContext.Wire.WriteFileRequest, options.Value.MaxBodyBytes);
        if (body.Error == JsonBodyError.TooLarge)
        {
            return FilesErrors.FileTooLarge(maxBytes);
        }

        if (!body.Ok || body.Value!.Content is not { } text)
        {
            return ApiError.BadRequest(FilesErrors.InvalidBody);
        }

        var content = Encoding.UTF8.GetBytes(text);
        if (content.Length > maxBytes)
        {
            return FilesErrors.FileTooLarge(maxBytes);
        }

        var workspace = workspaces.For(route.Row);

        var outcome = await workspace.Backend.WriteAsync(
            workspace.Row, new FileBatch(fileRoot, [ArchiveFile.FromBytes(relativePath, content)]), cancellationToken);
        return outcome.Status switch
        {
            FilesStatus.Done => TypedResults.Json(new FileChanged(Saved, relativePath), FilesJsonContext.Wire.FileChanged),
            FilesStatus.NotRunning => FilesErrors.NotRunning(),
            _ => ApiError.Internal(string.Create(CultureInfo.InvariantCulture, $"failed to write file: {outcome.Error}")),
        };
    }
}
