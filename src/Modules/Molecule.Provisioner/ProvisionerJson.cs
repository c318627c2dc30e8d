using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Molecule.Kernel.Http;

namespace Molecule.Provisioner;

[JsonSerializable(typeof(JsonObject))]
internal sealed partial class ProvisionerJsonContext : JsonSerializerContext;

/// <summary>Serialisation for this module's answers, with the wire settings of §0.</summary>
internal static class ProvisionerJson
{
    private static readonly JsonSerializerOptions Options = CreateOptions();

    public static JsonHttpResult<JsonObject> Ok(JsonObject body) => TypedResults.Json(body, Options);

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions { TypeInfoResolver = ProvisionerJsonContext.Default };
        MoleculeJson.Configure(options);
        options.MakeReadOnly();
        return options;
    }
}
