using System.Text.Json.Serialization;

namespace Molecule.Auth.TestTokens;

internal sealed record TestToken(
    [property: JsonPropertyName("auth_token")] string AuthToken,
    [property: JsonPropertyName("workspace_id")] string WorkspaceId);
