using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Molecule.Files.Backends;
using Molecule.Files.Http;
using Molecule.Files.Paths;
using Molecule.Files.Templates;
using Molecule.Kernel.Auth;
using Molecule.Kernel.Http;

namespace Molecule.Files.ReadFile;

/// <summary>
/// GET /workspaces/{id}/files/{path}?root=: one file as text, from the container, else from the
/// workspace's template directory (root ignored there, as in the reference).
/// </summary>
internal static class ReadFileEndpoint
{
    public const string NoTemplate = "file not found (container offline, no template)";

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/files/{**path}", HandleAsync)
            .WithName("ReadFile")
            .Produces<FileContent>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .RequireWorkspaceAuth();

    private static async Task<Results<JsonHttpResult<FileContent>, ApiError>> HandleAsync(
        RouteWorkspace route,
        string? path,
        string? root,
        FilesWorkspaces workspaces,
        WorkspaceTemplates templates,
        IOptions<FilesOptions> options,
        CancellationToken cancellationToken)
    {
        if (!FileTarget.TryParse(path, root, out var target, out var invalid))
        {
            return invalid;
        }

        var (relativePath, fileRoot) = target;

        var workspace = workspaces.For(route.Row);

        var maxBytes = options.Value.MaxFileBytes;
        var opened = await workspace.Backend.OpenAsync(workspace.Row, FileRoots.Join(fileRoot, relativePath), cancellationToken);
        switch (opened.Status)
        {
            case OpenFileStatus.Opened:
                return await OpenedFiles.ReadAllAsync(opened.File!, maxBytes, cancellationToken) is { } content
                    ? Content(relativePath, content)
                    : FilesErrors.FileTooLarge(maxBytes);
            case OpenFileStatus.NotFound:
                return FilesErrors.FileNotFound();
            case OpenFileStatus.NotRegularFile:
                return ApiError.BadRequest(FilesErrors.NotRegularFile);
        }

        if (templates.Find(workspace.Row.Name) is not { } template)
        {
            return ApiError.NotFound(NoTemplate);
        }

        var read = TemplateFiles.Read(template, relativePath, maxBytes);
        return read.Status switch
        {
            TemplateReadStatus.Found => Content(relativePath, read.Content!),
            TemplateReadStatus.TooLarge => FilesErrors.FileTooLarge(maxBytes),
            _ => FilesErrors.FileNotFound(),
        };
    }

    private static JsonHttpResult<FileContent> Content(string path, byte[] content) =>
        TypedResults.Json(new FileContent(path, Encoding.UTF8.GetString(content), content.Length), FilesJsonContext.Wire.FileContent);
}
