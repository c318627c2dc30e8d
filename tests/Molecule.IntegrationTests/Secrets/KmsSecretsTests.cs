using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Dapper;
using Molecule.Secrets.Crypto;
using Molecule.Testing;
using Molecule.Testing.Aws;

namespace Molecule.IntegrationTests.Secrets;

/// <summary>With KMS_KEY_ARN (and the static key for old rows): version 2 through the HTTP routes.</summary>
public sealed class KmsSecretsTests(KmsSecretsFixture fixture) : IClassFixture<KmsSecretsFixture>
{
    private readonly SecretsApp _app = fixture.App;
    private readonly FakeKms _kms = fixture.Aws.Kms;
    private readonly HttpClient _admin = fixture.App.Client(SecretsTest.AdminToken);

    [Fact]
    public async Task A_workspace_secret_is_stored_as_version_2_with_one_data_key_and_reads_back()
    {
        var workspaceId = await _app.CreateWorkspaceAsync();
        const string value = "sk-kms-plaintext-never-stored";
        var before = _kms.DataKeysGenerated;

        (await _admin.SetSecretAsync(workspaceId, "OPENAI_API_KEY", value)).StatusCode.ShouldBe(HttpStatusCode.OK);

        (_kms.DataKeysGenerated - before).ShouldBe(1);
        var (bytes, version) = await _app.WorkspaceRowAsync(workspaceId, "OPENAI_API_KEY");
        version.ShouldBe(2);
        AssertVersion2Layout(bytes, value);
        var values = await (await _admin.GetAsync($"/workspaces/{workspaceId}/secrets/values")).BodyAsync();
        values["OPENAI_API_KEY"]!.GetValue<string>().ShouldBe(value);
    }

    [Fact]
    public async Task The_agent_reads_its_version_2_secrets_with_its_own_token()
    {
        var workspaceId = await _app.CreateWorkspaceAsync();
        await _admin.SetSecretAsync(workspaceId, "AGENT_KEY", "agent-value");
        await _admin.SetGlobalAsync("KMS_AGENT_GLOBAL", "global-value");
        var token = await _app.IssueTokenAsync(workspaceId);
        var agent = _app.Client(token);

        var response = await agent.GetAsync($"/workspaces/{workspaceId}/secrets/values");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var values = await response.BodyAsync();
        values["AGENT_KEY"]!.GetValue<string>().ShouldBe("agent-value");
        values["KMS_AGENT_GLOBAL"]!.GetValue<string>().ShouldBe("global-value");
    }

    [Fact]
    public async Task Global_and_model_secrets_are_version_2_too()
    {
        var workspaceId = await _app.CreateWorkspaceAsync();
        const string value = "global-kms-value";

        (await _admin.SetGlobalAsync("KMS_GLOBAL", value)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await _admin.PutAsJsonAsync($"/workspaces/{workspaceId}/model", new { model = "anthropic:claude-kms" })).StatusCode.ShouldBe(HttpStatusCode.OK);

        await using var connection = await _app.Db.OpenConnectionAsync();
        var global = await connection.QuerySingleAsync("SELECT encrypted_value, encryption_version FROM global_secrets WHERE key = 'KMS_GLOBAL'");
        ((int)global.encryption_version).ShouldBe(2);
        AssertVersion2Layout((byte[])global.encrypted_value, value);
        (await _app.WorkspaceRowAsync(workspaceId, "MODEL_PROVIDER")).Version.ShouldBe(2);
        (await (await _admin.GetAsync($"/workspaces/{workspaceId}/model")).BodyAsync())["model"]!.GetValue<string>().ShouldBe("anthropic:claude-kms");
    }

    [Fact]
    public async Task Secrets_given_at_create_are_version_2()
    {
        var response = await _admin.PostAsync(
            "/workspaces", SecretsTest.Json("""{"name":"kms-create","external":true,"secrets":{"CREATE_KEY":"create-time-value"}}"""));

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var workspaceId = Guid.Parse((await response.BodyAsync())["id"]!.GetValue<string>());
        var (bytes, version) = await _app.WorkspaceRowAsync(workspaceId, "CREATE_KEY");
        version.ShouldBe(2);
        AssertVersion2Layout(bytes, "create-time-value");
    }

    [Theory]
    [InlineData("another workspace")]
    [InlineData("another key")]
    public async Task A_value_copied_to_another_row_is_refused_and_never_answered(string target)
    {
        var source = await _app.CreateWorkspaceAsync();
        await _admin.SetSecretAsync(source, "BOUND", "bound-to-its-row");
        var (bytes, _) = await _app.WorkspaceRowAsync(source, "BOUND");
        var victim = target == "another workspace" ? await _app.CreateWorkspaceAsync() : source;
        var key = target == "another workspace" ? "BOUND" : "COPIED";
        await _app.InsertWorkspaceRowAsync(victim, key, bytes, version: 2);
        if (target == "another key")
        {
            await using var connection = await _app.Db.OpenConnectionAsync();
            await connection.ExecuteAsync("DELETE FROM workspace_secrets WHERE workspace_id = @source AND key = 'BOUND'", new { source });
        }

        var response = await _admin.GetAsync($"/workspaces/{victim}/secrets/values");

        response.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        var text = await response.Content.ReadAsStringAsync();
        text.ShouldNotContain("bound-to-its-row");
        var body = await response.BodyAsync();
        body["error"]!.GetValue<string>().ShouldBe("one or more secrets failed to decrypt; refusing to return partial bundle");
        body["failed_keys"]!.AsArray().Select(node => node!.GetValue<string>()).ShouldBe([$"workspace:{key}"]);
        _app.Logs.Lines.ShouldContain(line => line.Contains("encryption context does not match"));
        _app.Logs.Lines.ShouldNotContain(line => line.Contains("bound-to-its-row"));
    }

    [Fact]
    public async Task Version_0_and_version_1_rows_still_read_in_KMS_mode()
    {
        var workspaceId = await _app.CreateWorkspaceAsync();
        var version1 = await SecretEnvelope.FromKey(Convert.FromHexString(SecretsTest.HexKey))
            .SealAsync("static-key value", SecretScope.Workspace(workspaceId, "LEGACY_V1"), default);
        await _app.InsertWorkspaceRowAsync(workspaceId, "LEGACY_V1", version1.Bytes, version: 1);
        await _app.InsertWorkspaceRowAsync(workspaceId, "LEGACY_V0", Encoding.UTF8.GetBytes("plain value"), version: 0);

        var values = await (await _admin.GetAsync($"/workspaces/{workspaceId}/secrets/values")).BodyAsync();

        values["LEGACY_V1"]!.GetValue<string>().ShouldBe("static-key value");
        values["LEGACY_V0"]!.GetValue<string>().ShouldBe("plain value");
    }

    [Theory]
    [InlineData("KMSInternalException", 500)]
    [InlineData("ThrottlingException", 400)]
    public async Task KMS_failing_after_retries_on_a_write_is_503_with_Retry_After_and_nothing_stored(string code, int status)
    {
        var workspaceId = await _app.CreateWorkspaceAsync();
        _kms.Faults.FailNext("GenerateDataKey", code, times: 30, status);
        try
        {
            var workspaceWrite = await _admin.SetSecretAsync(workspaceId, "DOWN_KEY", "value-during-outage");
            var globalWrite = await _admin.SetGlobalAsync("DOWN_GLOBAL", "value-during-outage");
            var create = await _admin.PostAsync(
                "/workspaces", SecretsTest.Json("""{"name":"kms-down","external":true,"secrets":{"DOWN_CREATE":"value-during-outage"}}"""));

            foreach (var response in new[] { workspaceWrite, globalWrite, create })
            {
                response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
                response.Headers.RetryAfter.ShouldBe(new RetryConditionHeaderValue(TimeSpan.FromSeconds(KeyServiceUnavailableException.RetryAfterSeconds)));
                var text = await response.Content.ReadAsStringAsync();
                text.ShouldNotContain("value-during-outage");
                (await response.ErrorAsync()).ShouldBe("key service unavailable; retry later");
            }
        }
        finally
        {
            _kms.Faults.Clear();
        }

        await using var connection = await _app.Db.OpenConnectionAsync();
        (await connection.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM workspace_secrets WHERE key IN ('DOWN_KEY', 'DOWN_CREATE')")).ShouldBe(0);
        (await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM global_secrets WHERE key = 'DOWN_GLOBAL'")).ShouldBe(0);
        (await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM workspaces WHERE name = 'kms-down'")).ShouldBe(0);
        _app.Logs.Lines.ShouldNotContain(line => line.Contains("value-during-outage"));
    }

    /// <summary>0x02 ‖ uint16 BE length ‖ wrapped key ‖ nonce(12) ‖ ciphertext ‖ tag(16), the value nowhere in it.</summary>
    private static void AssertVersion2Layout(byte[] stored, string value)
    {
        stored[0].ShouldBe((byte)0x02);
        var wrappedLength = BinaryPrimitives.ReadUInt16BigEndian(stored.AsSpan(1, 2));
        wrappedLength.ShouldBeGreaterThan((ushort)0);
        stored.Length.ShouldBe(1 + 2 + wrappedLength + 12 + Encoding.UTF8.GetByteCount(value) + 16);
        Encoding.UTF8.GetString(stored).ShouldNotContain(value);
        stored.AsSpan().IndexOf(Encoding.UTF8.GetBytes(value)).ShouldBe(-1);
    }
}
