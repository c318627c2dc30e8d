using System.Text.Json;
using System.Text.Json.Serialization;
using Molecule.Kernel.Http;

namespace Molecule.Secrets.Http;

/// <summary>Request body of POST/PUT secrets: both fields required and non-empty.</summary>
internal sealed record SetSecretRequest(
    [property: JsonPropertyName("key")] string? Key,
    [property: JsonPropertyName("value")] string? Value);

/// <summary>Request body of PUT /model: an empty or missing model clears it.</summary>
internal sealed record SetModelRequest([property: JsonPropertyName("model")] string? Model);

/// <summary>One entry of a secret list; the value is never part of it.</summary>
internal sealed record SecretListItem(
    [property: JsonPropertyName("created_at")] DateTime CreatedAt,
    [property: JsonPropertyName("has_value")] bool HasValue,
    [property: JsonPropertyName("key")] string Key,
    [property: JsonPropertyName("scope")] string Scope,
    [property: JsonPropertyName("updated_at")] DateTime UpdatedAt)
{
    public const string WorkspaceScope = "workspace";
    public const string GlobalScope = "global";

    public static SecretListItem From(Storage.SecretListRow row, string scope) =>
        new(row.CreatedAt, HasValue: true, row.Key, scope, row.UpdatedAt);
}

/// <summary>Answer to a save or delete: <c>{key, scope?, status}</c>.</summary>
internal sealed record SecretChanged(
    [property: JsonPropertyName("key")] string Key,
    [property: JsonPropertyName("scope"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Scope,
    [property: JsonPropertyName("status")] string Status);

internal sealed record ModelResponse(
    [property: JsonPropertyName("model")] string Model,
    [property: JsonPropertyName("source")] string Source);

/// <summary>Answer to PUT /model: <c>{model?, status}</c>.</summary>
internal sealed record ModelChanged(
    [property: JsonPropertyName("model"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Model,
    [property: JsonPropertyName("status")] string Status);

[JsonSerializable(typeof(SetSecretRequest))]
[JsonSerializable(typeof(SetModelRequest))]
[JsonSerializable(typeof(List<SecretListItem>))]
[JsonSerializable(typeof(SecretChanged))]
[JsonSerializable(typeof(ModelResponse))]
[JsonSerializable(typeof(ModelChanged))]
[JsonSerializable(typeof(IReadOnlyDictionary<string, string>))]
internal sealed partial class SecretsJsonContext : JsonSerializerContext
{
    /// <summary>The wire settings (spec/api-contract.md §0) over the generated metadata.</summary>
    public static SecretsJsonContext Wire { get; } = new(CreateWireOptions());

    private static JsonSerializerOptions CreateWireOptions()
    {
        var options = new JsonSerializerOptions();
        MoleculeJson.Configure(options);
        return options;
    }
}
