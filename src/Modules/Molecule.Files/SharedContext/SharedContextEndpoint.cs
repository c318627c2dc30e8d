using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Molecule.Files.Backends;
using Molecule.Files.Http;
using Molecule.Files.Paths;
using Molecule.Files.ReplaceFiles;
using Molecule.Files.Templates;
using Molecule.Kernel.Auth;
using Molecule.Kernel.Http;

namespace Molecule.Files.SharedContext;

/// <summary>
/// GET /workspaces/{id}/shared-context: <c>[{path, content}]</c> for each file config.yaml lists
/// under <c>shared_context</c>, read from <c>/configs</c> in the container (the reference read the
/// wrong path there), else from the template directory. Entries that are refused or unreadable are
/// left out; no config means <c>[]</c>.
/// </summary>
internal static class SharedContextEndpoint
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/shared-context", HandleAsync)
            .WithName("GetSharedContext")
            .Produces<IReadOnlyList<SharedContextFile>>()
            .RequireWorkspaceAuth();

    private static async Task<JsonHttpResult<IReadOnlyList<SharedContextFile>>> HandleAsync(
        RouteWorkspace route,
        FilesWorkspaces workspaces,
        WorkspaceTemplates templates,
        IOptions<FilesOptions> options,
        CancellationToken cancellationToken)
    {
        var workspace = workspaces.For(route.Row);

        var maxBytes = options.Value.MaxFileBytes;
        var config = await ReadFromContainerAsync(workspace, GeneratedConfig.FileName, maxBytes, cancellationToken);
        IReadOnlyList<SharedContextFile> files;
        if (config.Reachable)
        {
            files = await CollectAsync(
                config.Content,
                async relativePath => (await ReadFromContainerAsync(workspace, relativePath, maxBytes, cancellationToken)).Content);
        }
        else if (templates.Find(workspace.Row.Name) is { } template)
        {
            files = await CollectAsync(
                ReadTemplate(template, GeneratedConfig.FileName, maxBytes),
                relativePath => Task.FromResult(ReadTemplate(template, relativePath, maxBytes)));
        }
        else
        {
            files = [];
        }

        return TypedResults.Json(files, FilesJsonContext.Wire.IReadOnlyListSharedContextFile);
    }

    private static async Task<IReadOnlyList<SharedContextFile>> CollectAsync(byte[]? config, Func<string, Task<byte[]?>> read)
    {
        var files = new List<SharedContextFile>();
        if (config is null)
        {
            return files;
        }

        foreach (var entry in SharedContextList.Parse(Encoding.UTF8.GetString(config)))
        {
            if (RelativeFilePath.Normalize(entry) is { } relativePath && await read(relativePath) is { } content)
            {
                files.Add(new SharedContextFile(entry, Encoding.UTF8.GetString(content)));
            }
        }

        return files;
    }

    private static async Task<(bool Reachable, byte[]? Content)> ReadFromContainerAsync(
        FilesWorkspace workspace, string relativePath, long maxBytes, CancellationToken cancellationToken)
    {
        var opened = await workspace.Backend.OpenAsync(workspace.Row, FileRoots.Join(FileRoots.Configs, relativePath), cancellationToken);
        return opened.Status switch
        {
            OpenFileStatus.Opened => (true, await OpenedFiles.ReadAllAsync(opened.File!, maxBytes, cancellationToken)),
            OpenFileStatus.NotFound or OpenFileStatus.NotRegularFile => (true, null),
            _ => (false, null),
        };
    }

    private static byte[]? ReadTemplate(string template, string relativePath, long maxBytes) =>
        TemplateFiles.Read(template, relativePath, maxBytes).Content;
}
