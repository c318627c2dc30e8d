using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Molecule.Files.Archive;
using Molecule.Files.Backends;
using Molecule.Files.Http;
using Molecule.Files.Paths;
using Molecule.Files.Templates;
using Molecule.Kernel.Auth;
using Molecule.Kernel.Http;
using Molecule.Kernel.Runtimes;

namespace Molecule.Files.ReplaceFiles;

/// <summary>
/// PUT /workspaces/{id}/files <c>{files:{path:content}}</c>: writes up to 200 files under
/// <c>/configs</c> in one go, adding a generated config.yaml when the workspace would otherwise have
/// none. Where it lands: the running container, else the config volume, else (no Docker engine at
/// all) the workspace's template directory, as in the reference.
/// </summary>
internal static class ReplaceFilesEndpoint
{
    public const int MaxFiles = 200;
    public const string Replaced = "replaced";
    public const string TemplateSource = "template";
    public const string WriteFailed = "failed to write files to workspace";

    public static RouteHandlerBuilder Map(IEndpointRouteBuilder routes) =>
        routes.MapPut("/files", HandleAsync)
            .WithName("ReplaceFiles")
            .Produces<FilesReplaced>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status500InternalServerError)
            .RequireWorkspaceAuth();

    private static async Task<Results<JsonHttpResult<FilesReplaced>, ApiError>> HandleAsync(
        RouteWorkspace route,
        HttpRequest request,
        FilesWorkspaces workspaces,
        WorkspaceTemplates templates,
        WorkspaceRoles roles,
        IRuntimeCatalog runtimes,
        IOptions<FilesOptions> options,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var maxBytes = options.Value.MaxFileBytes;
        RequestBodies.AllowUpTo(request.HttpContext, options.Value.MaxBodyBytes);
        var body = await JsonBodyReader.ReadAsync(request, FilesJsonContext.Wire.ReplaceFilesRequest, options.Value.MaxBodyBytes);
        if (body.Error == JsonBodyError.TooLarge)
        {
            return TooLarge(maxBytes);
        }

        if (!body.Ok || body.Value!.Files is not { } requested || requested.Values.Any(content => content is null))
        {
            return ApiError.BadRequest(FilesErrors.InvalidBody);
        }

        if (requested.Count > MaxFiles)
        {
            return ApiError.BadRequest(string.Create(CultureInfo.InvariantCulture, $"too many files ({requested.Count}), max {MaxFiles}"));
        }

        var workspace = workspaces.For(route.Row);

        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (path, content) in requested)
        {
            if (RelativeFilePath.Normalize(path) is not { } relativePath)
            {
                return ApiError.BadRequest(FilesErrors.InvalidBody);
            }

            files[relativePath] = Encoding.UTF8.GetBytes(content!);
        }

        if (files.Values.Sum(content => (long)content.Length) > maxBytes)
        {
            return TooLarge(maxBytes);
        }

        var generated = files.ContainsKey(GeneratedConfig.FileName)
            ? null
            : Encoding.UTF8.GetBytes(GeneratedConfig.Render(
                workspace.Row.Name,
                await roles.FindAsync(workspace.Row.Id, cancellationToken),
                workspace.Row.Tier,
                runtimes.Sanitize(workspace.Row.Runtime)));
        var batch = new FileBatch(
            FileRoots.Configs,
            files.Select(file => ArchiveFile.FromBytes(file.Key, file.Value)).ToList(),
            generated);

        var outcome = await workspace.Backend.WriteAsync(workspace.Row, batch, cancellationToken);
        string source;
        switch (outcome.Status)
        {
            case FilesStatus.Done:
                source = outcome.Source!;
                break;
            case FilesStatus.Unavailable when templates.Find(workspace.Row.Name) is { } template:
                if (!await WriteTemplateAsync(template, files, generated, loggers, cancellationToken))
                {
                    return ApiError.Internal(WriteFailed);
                }

                source = TemplateSource;
                break;
            default:
                return ApiError.Internal(WriteFailed);
        }

        return TypedResults.Json(
            new FilesReplaced(Replaced, workspace.Row.Id.ToString("D"), requested.Count, source),
            FilesJsonContext.Wire.FilesReplaced);
    }

    private static async Task<bool> WriteTemplateAsync(
        string template, Dictionary<string, byte[]> files, byte[]? generated, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var writes = files.Select(file => (file.Key, file.Value)).ToList();
        if (generated is not null && !File.Exists(Path.Combine(template, GeneratedConfig.FileName)))
        {
            writes.Add((GeneratedConfig.FileName, generated));
        }

        try
        {
            await TemplateFiles.WriteAsync(template, writes, cancellationToken);
            return true;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            loggers.CreateLogger(FilesLog.Category).TemplateWriteFailed(template, exception.Message);
            return false;
        }
    }

    private static ApiError TooLarge(long maxBytes) =>
        FilesErrors.TooLarge(string.Create(CultureInfo.InvariantCulture, $"files exceed {maxBytes} bytes in total"));
}
