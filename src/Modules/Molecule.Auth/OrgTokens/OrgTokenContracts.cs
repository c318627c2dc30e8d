using System.Text.Json.Serialization;

namespace Molecule.Auth.OrgTokens;

internal sealed record CreateOrgTokenRequest([property: JsonPropertyName("name")] string? Name);

internal sealed record CreatedOrgToken(
    [property: JsonPropertyName("id")] Guid Id,
    [property: JsonPropertyName("prefix")] string Prefix,
    [property: JsonPropertyName("name"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Name,
    [property: JsonPropertyName("auth_token")] string AuthToken,
    [property: JsonPropertyName("warning")] string Warning);

internal sealed record OrgTokenView(
    [property: JsonPropertyName("id")] Guid Id,
    [property: JsonPropertyName("prefix")] string Prefix,
    [property: JsonPropertyName("name"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Name,
    [property: JsonPropertyName("org_id"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Guid? OrgId,
    [property: JsonPropertyName("created_by"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? CreatedBy,
    [property: JsonPropertyName("created_at")] DateTime CreatedAt,
    [property: JsonPropertyName("last_used_at"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTime? LastUsedAt)
{
    public static OrgTokenView From(OrgTokenRow row) =>
        new(row.Id, row.Prefix, row.Name, row.OrgId, row.CreatedBy, row.CreatedAt, row.LastUsedAt);
}

internal sealed record OrgTokenList(
    [property: JsonPropertyName("tokens")] IReadOnlyList<OrgTokenView> Tokens,
    [property: JsonPropertyName("count")] int Count);

internal sealed record RevokedOrgToken([property: JsonPropertyName("revoked")] Guid Revoked);
