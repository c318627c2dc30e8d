using System.Text.Json.Serialization;

namespace Molecule.Auth.WorkspaceTokens;

internal sealed record WorkspaceTokenView(
    [property: JsonPropertyName("id")] Guid Id,
    [property: JsonPropertyName("prefix")] string Prefix,
    [property: JsonPropertyName("created_at")] DateTime CreatedAt,
    [property: JsonPropertyName("last_used_at")] DateTime? LastUsedAt);

internal sealed record WorkspaceTokenList(
    [property: JsonPropertyName("tokens")] IReadOnlyList<WorkspaceTokenView> Tokens,
    [property: JsonPropertyName("count")] int Count);

internal sealed record CreatedWorkspaceToken(
    [property: JsonPropertyName("auth_token")] string AuthToken,
    [property: JsonPropertyName("workspace_id")] string WorkspaceId,
    [property: JsonPropertyName("message")] string Message);

internal sealed record RevokedWorkspaceToken([property: JsonPropertyName("status")] string Status);
