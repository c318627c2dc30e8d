using System.Text.Json;
using System.Text.Json.Serialization;
using Molecule.Auth.OrgTokens;
using Molecule.Auth.TestTokens;
using Molecule.Auth.WorkspaceTokens;
using Molecule.Kernel.Http;

namespace Molecule.Auth;

[JsonSerializable(typeof(CreateOrgTokenRequest))]
[JsonSerializable(typeof(CreatedOrgToken))]
[JsonSerializable(typeof(OrgTokenList))]
[JsonSerializable(typeof(RevokedOrgToken))]
[JsonSerializable(typeof(WorkspaceTokenList))]
[JsonSerializable(typeof(CreatedWorkspaceToken))]
[JsonSerializable(typeof(RevokedWorkspaceToken))]
[JsonSerializable(typeof(TestToken))]
internal sealed partial class AuthJsonContext : JsonSerializerContext
{
    /// <summary>The module's wire settings: raw UTF-8 (the reference writes "—" unescaped), case-insensitive reads.</summary>
    public static AuthJsonContext Wire { get; } = CreateWire();

    private static AuthJsonContext CreateWire()
    {
        var options = new JsonSerializerOptions();
        MoleculeJson.Configure(options);
        return new AuthJsonContext(options);
    }
}
