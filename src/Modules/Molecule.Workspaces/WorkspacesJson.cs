using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Molecule.Kernel.Http;
using Molecule.Workspaces.BootstrapFailed;
using Molecule.Workspaces.Create;
using Molecule.Workspaces.Get;
using Molecule.Workspaces.List;
using Molecule.Workspaces.Restart;

namespace Molecule.Workspaces;

[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(CreateWorkspaceRequest))]
[JsonSerializable(typeof(RestartRequest))]
[JsonSerializable(typeof(BootstrapFailedRequest))]
[JsonSerializable(typeof(List<WorkspaceListItem>))]
[JsonSerializable(typeof(WorkspaceDetail))]
[JsonSerializable(typeof(JsonObject))]
internal sealed partial class WorkspacesJsonContext : JsonSerializerContext;

/// <summary>Serialisation for this module: source-generated types with the wire settings of §0.</summary>
internal static class WorkspacesJson
{
    public static readonly JsonSerializerOptions Options = CreateOptions();

    public static JsonHttpResult<T> Ok<T>(T body) => TypedResults.Json(body, Options);

    public static JsonHttpResult<T> Status<T>(int statusCode, T body) => TypedResults.Json(body, Options, statusCode: statusCode);

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions { TypeInfoResolver = WorkspacesJsonContext.Default };
        MoleculeJson.Configure(options);
        options.MakeReadOnly();
        return options;
    }
}
