using System.Net;
using System.Text;
using Dapper;
using Molecule.Testing;

namespace Molecule.IntegrationTests.Secrets;

/// <summary>Without SECRETS_ENCRYPTION_KEY outside production: version 0, as the reference.</summary>
public sealed class PlaintextStorageTests(PlaintextSecretsFixture fixture) : IClassFixture<PlaintextSecretsFixture>
{
    private readonly SecretsApp _app = fixture.App;
    private readonly HttpClient _admin = fixture.App.Client(SecretsTest.AdminToken);

    [Fact]
    public async Task Rows_are_version_0_plaintext()
    {
        var workspaceId = await _app.CreateWorkspaceAsync();

        await _admin.SetSecretAsync(workspaceId, "PLAIN", "stored as is");
        await _admin.SetGlobalAsync("PLAIN_GLOBAL", "global as is");

        await using var connection = await _app.Db.OpenConnectionAsync();
        var own = await connection.QuerySingleAsync("SELECT encrypted_value, encryption_version FROM workspace_secrets WHERE workspace_id = @workspaceId", new { workspaceId });
        var global = await connection.QuerySingleAsync("SELECT encrypted_value, encryption_version FROM global_secrets WHERE key = 'PLAIN_GLOBAL'");
        ((int)own.encryption_version).ShouldBe(0);
        Encoding.UTF8.GetString((byte[])own.encrypted_value).ShouldBe("stored as is");
        ((int)global.encryption_version).ShouldBe(0);
        Encoding.UTF8.GetString((byte[])global.encrypted_value).ShouldBe("global as is");
    }

    [Fact]
    public async Task A_version_1_row_without_the_key_is_a_failed_key_not_garbage()
    {
        var workspaceId = await _app.CreateWorkspaceAsync();
        await using (var connection = await _app.Db.OpenConnectionAsync())
        {
            await connection.ExecuteAsync(
                "INSERT INTO workspace_secrets (workspace_id, key, encrypted_value, encryption_version) VALUES (@workspaceId, 'SEALED_ELSEWHERE', @bytes, 1)",
                new { workspaceId, bytes = new byte[48] });
        }

        var response = await _admin.GetAsync($"/workspaces/{workspaceId}/secrets/values");

        response.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        (await response.BodyAsync())["failed_keys"]!.AsArray().Select(node => node!.GetValue<string>()).ShouldBe(["workspace:SEALED_ELSEWHERE"]);
    }

    [Fact]
    public void Startup_warns_once_that_secrets_are_stored_in_plaintext()
    {
        _app.Logs.Lines.Count(line => line.StartsWith("Warning", StringComparison.Ordinal) && line.Contains("SECRETS_ENCRYPTION_KEY is not set"))
            .ShouldBe(1);
    }
}
