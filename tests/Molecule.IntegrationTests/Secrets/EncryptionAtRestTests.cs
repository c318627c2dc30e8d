using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Molecule.Kernel.Secrets;
using Molecule.Testing;

namespace Molecule.IntegrationTests.Secrets;

/// <summary>With SECRETS_ENCRYPTION_KEY set: what lands in Postgres, and how bad rows are refused.</summary>
public sealed class EncryptionAtRestTests(EncryptedSecretsFixture fixture) : IClassFixture<EncryptedSecretsFixture>
{
    private readonly SecretsApp _app = fixture.App;
    private readonly HttpClient _admin = fixture.App.Client(SecretsTest.AdminToken);

    [Fact]
    public async Task Workspace_secret_rows_are_version_1_in_the_reference_layout()
    {
        var workspaceId = await _app.CreateWorkspaceAsync();
        const string value = "sk-ant-plaintext-must-not-be-stored";

        await _admin.SetSecretAsync(workspaceId, "ANTHROPIC_API_KEY", value);

        var row = await ReadRowAsync("SELECT encrypted_value, encryption_version FROM workspace_secrets WHERE workspace_id = @workspaceId", new { workspaceId });
        row.Version.ShouldBe(1);
        AssertSealedWithTestKey(row.Bytes, value);
    }

    [Fact]
    public async Task Global_secret_rows_are_version_1_in_the_reference_layout()
    {
        const string value = "global-plaintext-must-not-be-stored";

        await _admin.SetGlobalAsync("ENCRYPTED_GLOBAL", value);

        var row = await ReadRowAsync("SELECT encrypted_value, encryption_version FROM global_secrets WHERE key = 'ENCRYPTED_GLOBAL'", null);
        row.Version.ShouldBe(1);
        AssertSealedWithTestKey(row.Bytes, value);
    }

    [Fact]
    public async Task The_model_secret_is_encrypted_too()
    {
        var workspaceId = await _app.CreateWorkspaceAsync();

        await _admin.PutAsJsonAsync($"/workspaces/{workspaceId}/model", new { model = "anthropic:claude-opus" });

        var row = await ReadRowAsync(
            "SELECT encrypted_value, encryption_version FROM workspace_secrets WHERE workspace_id = @workspaceId AND key = 'MODEL_PROVIDER'",
            new { workspaceId });
        row.Version.ShouldBe(1);
        AssertSealedWithTestKey(row.Bytes, "anthropic:claude-opus");
        (await (await _admin.GetAsync($"/workspaces/{workspaceId}/model")).BodyAsync())["model"]!.GetValue<string>().ShouldBe("anthropic:claude-opus");
    }

    [Fact]
    public async Task Encrypted_values_read_back_through_the_values_route()
    {
        var workspaceId = await _app.CreateWorkspaceAsync();
        await _admin.SetSecretAsync(workspaceId, "ROUND_TRIP", "round-trip ✓");

        var values = await (await _admin.GetAsync($"/workspaces/{workspaceId}/secrets/values")).BodyAsync();

        values["ROUND_TRIP"]!.GetValue<string>().ShouldBe("round-trip ✓");
    }

    [Fact]
    public async Task Version_0_rows_written_before_the_key_still_read()
    {
        var workspaceId = await _app.CreateWorkspaceAsync();
        await InsertWorkspaceRowAsync(workspaceId, "LEGACY_PLAIN", Encoding.UTF8.GetBytes("legacy plaintext"), version: 0);

        var values = await (await _admin.GetAsync($"/workspaces/{workspaceId}/secrets/values")).BodyAsync();

        values["LEGACY_PLAIN"]!.GetValue<string>().ShouldBe("legacy plaintext");
    }

    [Fact]
    public async Task A_tampered_row_fails_the_whole_bundle_naming_only_the_key()
    {
        var workspaceId = await _app.CreateWorkspaceAsync();
        await _admin.SetSecretAsync(workspaceId, "INTACT", "intact-value");
        await _admin.SetSecretAsync(workspaceId, "TAMPERED", "tampered-value");
        await using (var connection = await _app.Db.OpenConnectionAsync())
        {
            await connection.ExecuteAsync(
                "UPDATE workspace_secrets SET encrypted_value = set_byte(encrypted_value, 14, get_byte(encrypted_value, 14) # 1) WHERE workspace_id = @workspaceId AND key = 'TAMPERED'",
                new { workspaceId });
        }

        var response = await _admin.GetAsync($"/workspaces/{workspaceId}/secrets/values");

        response.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        var text = await response.Content.ReadAsStringAsync();
        text.ShouldNotContain("intact-value");
        text.ShouldNotContain("tampered-value");
        var body = await response.BodyAsync();
        body["error"]!.GetValue<string>().ShouldBe("one or more secrets failed to decrypt; refusing to return partial bundle");
        body["failed_keys"]!.AsArray().Select(node => node!.GetValue<string>()).ShouldBe(["workspace:TAMPERED"]);
    }

    [Fact]
    public async Task The_reader_for_provisioners_refuses_a_partial_environment()
    {
        var workspaceId = await _app.CreateWorkspaceAsync();
        await _admin.SetSecretAsync(workspaceId, "GOOD", "good");
        await InsertWorkspaceRowAsync(workspaceId, "TRUNCATED", new byte[10], version: 1);
        var reader = _app.Services.GetRequiredService<ISecretReader>();

        var error = await Should.ThrowAsync<SecretDecryptionException>(() => reader.ReadMergedAsync(workspaceId));

        error.FailedKeys.ShouldBe(["workspace:TRUNCATED"]);
        error.AnyGlobal.ShouldBeFalse();
    }

    [Fact]
    public async Task The_reader_for_provisioners_merges_globals_under_workspace_values()
    {
        var workspaceId = await _app.CreateWorkspaceAsync();
        await _admin.SetGlobalAsync("READER_SHARED", "global");
        await _admin.SetSecretAsync(workspaceId, "READER_SHARED", "workspace");
        var reader = _app.Services.GetRequiredService<ISecretReader>();

        var merged = await reader.ReadMergedAsync(workspaceId);

        merged["READER_SHARED"].ShouldBe("workspace");
    }

    [Fact]
    public async Task A_tampered_model_row_is_500_failed_to_decrypt()
    {
        var workspaceId = await _app.CreateWorkspaceAsync();
        await InsertWorkspaceRowAsync(workspaceId, "MODEL_PROVIDER", new byte[40], version: 1);

        var response = await _admin.GetAsync($"/workspaces/{workspaceId}/model");

        response.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        (await response.ErrorAsync()).ShouldBe("failed to decrypt");
    }

    [Fact]
    public async Task An_unknown_version_is_reported_as_a_failed_key()
    {
        var workspaceId = await _app.CreateWorkspaceAsync();
        await InsertWorkspaceRowAsync(workspaceId, "FROM_THE_FUTURE", [1, 2, 3], version: 7);

        var response = await _admin.GetAsync($"/workspaces/{workspaceId}/secrets/values");

        response.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        (await response.BodyAsync())["failed_keys"]!.AsArray().Select(node => node!.GetValue<string>()).ShouldBe(["workspace:FROM_THE_FUTURE"]);
    }

    /// <summary>The stored bytes are nonce(12) ‖ ciphertext ‖ tag(16) under the test key, not the plaintext.</summary>
    private static void AssertSealedWithTestKey(byte[] stored, string plaintext)
    {
        var plainBytes = Encoding.UTF8.GetBytes(plaintext);
        stored.ShouldNotBe(plainBytes);
        stored.Length.ShouldBe(12 + plainBytes.Length + 16);
        Encoding.UTF8.GetString(stored).ShouldNotContain(plaintext);

        using var aes = new AesGcm(Convert.FromHexString(SecretsTest.HexKey), 16);
        var opened = new byte[plainBytes.Length];
        aes.Decrypt(stored.AsSpan(0, 12), stored.AsSpan(12, plainBytes.Length), stored.AsSpan(12 + plainBytes.Length), opened);
        opened.ShouldBe(plainBytes);
    }

    private async Task<(byte[] Bytes, int Version)> ReadRowAsync(string sql, object? parameters)
    {
        await using var connection = await _app.Db.OpenConnectionAsync();
        var row = await connection.QuerySingleAsync(sql, parameters);
        return ((byte[])row.encrypted_value, (int)row.encryption_version);
    }

    private async Task InsertWorkspaceRowAsync(Guid workspaceId, string key, byte[] bytes, int version)
    {
        await using var connection = await _app.Db.OpenConnectionAsync();
        await connection.ExecuteAsync(
            "INSERT INTO workspace_secrets (workspace_id, key, encrypted_value, encryption_version) VALUES (@workspaceId, @key, @bytes, @version)",
            new { workspaceId, key, bytes, version });
    }
}
