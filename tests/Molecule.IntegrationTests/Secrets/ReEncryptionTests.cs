using System.Net;
using System.Text;
using Amazon.KeyManagementService;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Molecule.Secrets.Crypto;
using Molecule.Secrets.ReEncryption;
using Molecule.Testing;
using Molecule.Testing.Aws;

namespace Molecule.IntegrationTests.Secrets;

/// <summary>Moving v0/v1 rows to v2: in batches, idempotent, resumable; the admin route and the CLI verb.</summary>
public sealed class ReEncryptionTests : IAsyncLifetime
{
    private FakeAws _aws = null!;
    private SecretsApp _app = null!;
    private HttpClient _admin = null!;

    public async Task InitializeAsync()
    {
        _aws = await FakeAws.StartAsync();
        _app = await KmsSecretsTest.BootAsync(_aws);
        _admin = _app.Client(SecretsTest.AdminToken);
    }

    public async Task DisposeAsync()
    {
        await ((IAsyncLifetime)_app).DisposeAsync();
        await _aws.DisposeAsync();
    }

    [Fact]
    public async Task Old_rows_move_to_version_2_in_batches_and_a_second_run_changes_nothing()
    {
        var workspaceId = await _app.CreateWorkspaceAsync();
        var expected = await SeedOldRowsAsync(workspaceId);
        var before = _aws.Kms.DataKeysGenerated;

        var first = await (await _admin.ReEncryptAsync(new { batch_size = 2 })).BodyAsync();

        first["reencrypted"]!.GetValue<int>().ShouldBe(6);
        first["remaining"]!.GetValue<long>().ShouldBe(0);
        first["failed"]!.GetValue<int>().ShouldBe(0);
        first["current_version"]!.GetValue<int>().ShouldBe(2);
        first["batches"]!.GetValue<int>().ShouldBe(3); // 4 workspace rows in 2 batches, 2 global rows in 1
        (_aws.Kms.DataKeysGenerated - before).ShouldBe(6);
        (await VersionsAsync()).ShouldAllBe(version => version == 2);
        await AssertValuesAsync(workspaceId, expected);

        var stored = await StoredBytesAsync();
        var second = await (await _admin.ReEncryptAsync()).BodyAsync();

        second["reencrypted"]!.GetValue<int>().ShouldBe(0);
        second["remaining"]!.GetValue<long>().ShouldBe(0);
        (_aws.Kms.DataKeysGenerated - before).ShouldBe(6);
        (await StoredBytesAsync()).ShouldBe(stored);
    }

    [Fact]
    public async Task An_outage_mid_batch_rolls_that_batch_back_and_the_next_run_finishes()
    {
        var workspaceId = await _app.CreateWorkspaceAsync();
        var expected = new Dictionary<string, string>();
        for (var i = 1; i <= 4; i++)
        {
            expected[$"PLAIN_{i}"] = $"plain-{i}";
            await _app.InsertWorkspaceRowAsync(workspaceId, $"PLAIN_{i}", Encoding.UTF8.GetBytes($"plain-{i}"), version: 0);
        }

        // Batches of 2: the first commits; in the second, row 3 is resealed and then KMS fails on row 4.
        var faulty = FaultyKms.Wrap(_app.Services.GetRequiredService<IAmazonKeyManagementService>(), failAt: 4);
        var envelope = SecretEnvelope.Create(Convert.FromHexString(SecretsTest.HexKey), new KmsEnvelopeCipher(faulty, _aws.Kms.DefaultKeyArn));
        var interrupted = new SecretReEncryptor(_app.Db, envelope, NullLogger<SecretReEncryptor>.Instance);

        await Should.ThrowAsync<KeyServiceUnavailableException>(() => interrupted.RunAsync(new ReEncryptionLimits(2, null), default));

        (await VersionsAsync()).Order().ShouldBe([0, 0, 2, 2]);
        await AssertValuesAsync(workspaceId, expected);

        var resumed = await (await _admin.ReEncryptAsync(new { batch_size = 1 })).BodyAsync();

        resumed["reencrypted"]!.GetValue<int>().ShouldBe(2);
        resumed["batches"]!.GetValue<int>().ShouldBe(2);
        resumed["remaining"]!.GetValue<long>().ShouldBe(0);
        (await VersionsAsync()).ShouldAllBe(version => version == 2);
        await AssertValuesAsync(workspaceId, expected);
    }

    [Fact]
    public async Task KMS_down_during_the_route_is_503_with_Retry_After_and_keeps_finished_batches()
    {
        var workspaceId = await _app.CreateWorkspaceAsync();
        await _app.InsertWorkspaceRowAsync(workspaceId, "A", "a"u8.ToArray(), version: 0);
        await _app.InsertWorkspaceRowAsync(workspaceId, "B", "b"u8.ToArray(), version: 0);
        (await (await _admin.ReEncryptAsync(new { batch_size = 1, max_batches = 1 })).BodyAsync())["remaining"]!.GetValue<long>().ShouldBe(1);

        _aws.Kms.Faults.FailNext("GenerateDataKey", "KMSInternalException", times: 30, status: 500);
        HttpResponseMessage down;
        try
        {
            down = await _admin.ReEncryptAsync();
        }
        finally
        {
            _aws.Kms.Faults.Clear();
        }

        down.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        down.Headers.RetryAfter.ShouldNotBeNull();
        (await VersionsAsync()).Order().ShouldBe([0, 2]);
        (await (await _admin.ReEncryptAsync()).BodyAsync())["reencrypted"]!.GetValue<int>().ShouldBe(1);
    }

    [Fact]
    public async Task Unreadable_rows_are_skipped_and_named_without_stalling_the_run()
    {
        var workspaceId = await _app.CreateWorkspaceAsync();
        await _app.InsertWorkspaceRowAsync(workspaceId, "TRUNCATED_V1", new byte[10], version: 1);
        await _app.InsertWorkspaceRowAsync(workspaceId, "FINE", "fine"u8.ToArray(), version: 0);

        var report = await (await _admin.ReEncryptAsync(new { batch_size = 1 })).BodyAsync();

        report["reencrypted"]!.GetValue<int>().ShouldBe(1);
        report["failed"]!.GetValue<int>().ShouldBe(1);
        report["failed_keys"]!.AsArray().Select(node => node!.GetValue<string>()).ShouldBe([$"workspace:{workspaceId:D}:TRUNCATED_V1"]);
        report["remaining"]!.GetValue<long>().ShouldBe(1);
    }

    [Fact]
    public async Task The_CLI_verb_runs_the_same_job_and_prints_the_report()
    {
        var workspaceId = await _app.CreateWorkspaceAsync();
        await _app.InsertWorkspaceRowAsync(workspaceId, "CLI", "cli-value"u8.ToArray(), version: 0);
        var output = new StringWriter();
        var error = new StringWriter();

        var exitCode = await SecretsCommandLine.RunAsync(_app.Services, ["secrets", "reencrypt", "--batch-size", "1"], output, error, default);

        exitCode.ShouldBe(SecretsCommandLine.ExitDone);
        output.ToString().ShouldContain("\"reencrypted\":1");
        output.ToString().ShouldContain("\"current_version\":2");
        output.ToString().ShouldNotContain("cli-value");
        (await _app.WorkspaceRowAsync(workspaceId, "CLI")).Version.ShouldBe(2);

        (await SecretsCommandLine.RunAsync(_app.Services, ["secrets", "reencrypt", "--batch-size", "0"], output, error, default))
            .ShouldBe(SecretsCommandLine.ExitUsage);
        (await SecretsCommandLine.RunAsync(_app.Services, ["secrets", "rotate"], output, error, default)).ShouldBe(SecretsCommandLine.ExitUsage);
        error.ToString().ShouldContain("usage: secrets reencrypt");
    }

    [Theory]
    [InlineData("""{"batch_size":0}""", "batch_size must be an integer from 1 to 1000")]
    [InlineData("""{"batch_size":1001}""", "batch_size must be an integer from 1 to 1000")]
    [InlineData("""{"batch_size":"10"}""", "batch_size must be an integer from 1 to 1000")]
    [InlineData("""{"batch_size":1.5}""", "batch_size must be an integer from 1 to 1000")]
    [InlineData("""{"max_batches":0}""", "max_batches must be a positive integer")]
    [InlineData("""{"batch":10}""", "unknown field \"batch\"; allowed: batch_size, max_batches")]
    [InlineData("""[1]""", "invalid request body: expected a JSON object")]
    [InlineData("""{"batch_size":""", "invalid request body: expected a JSON object")]
    public async Task Bad_input_is_400_and_changes_nothing(string body, string error)
    {
        var workspaceId = await _app.CreateWorkspaceAsync();
        await _app.InsertWorkspaceRowAsync(workspaceId, "UNTOUCHED", "untouched"u8.ToArray(), version: 0);

        var response = await _admin.PostAsync("/admin/secrets/reencrypt", SecretsTest.Json(body));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.ErrorAsync()).ShouldBe(error);
        (await _app.WorkspaceRowAsync(workspaceId, "UNTOUCHED")).Version.ShouldBe(0);
    }

    [Fact]
    public async Task The_route_requires_the_admin_token()
    {
        var workspaceId = await _app.CreateWorkspaceAsync();
        await _app.InsertWorkspaceRowAsync(workspaceId, "GUARDED", "guarded"u8.ToArray(), version: 0);
        var workspaceToken = await _app.IssueTokenAsync(workspaceId);

        var anonymous = await _app.Client().ReEncryptAsync();
        var wrongToken = await _app.Client("not-the-admin-token").ReEncryptAsync();
        var asWorkspace = await _app.Client(workspaceToken).ReEncryptAsync();

        anonymous.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        wrongToken.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        asWorkspace.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await _app.WorkspaceRowAsync(workspaceId, "GUARDED")).Version.ShouldBe(0);
    }

    /// <summary>Two v0 and two v1 workspace rows, one v0 and one v1 global row; returns the expected merged values.</summary>
    private async Task<Dictionary<string, string>> SeedOldRowsAsync(Guid workspaceId)
    {
        var staticKey = SecretEnvelope.FromKey(Convert.FromHexString(SecretsTest.HexKey));
        await _app.InsertWorkspaceRowAsync(workspaceId, "W0_A", "w0-a"u8.ToArray(), version: 0);
        await _app.InsertWorkspaceRowAsync(workspaceId, "W0_B", "w0-b"u8.ToArray(), version: 0);
        foreach (var key in new[] { "W1_A", "W1_B" })
        {
            var sealedValue = await staticKey.SealAsync(key.ToLowerInvariant(), SecretScope.Workspace(workspaceId, key), default);
            await _app.InsertWorkspaceRowAsync(workspaceId, key, sealedValue.Bytes, version: 1);
        }

        await _app.InsertGlobalRowAsync("G0", "g0"u8.ToArray(), version: 0);
        await _app.InsertGlobalRowAsync("G1", (await staticKey.SealAsync("g1", SecretScope.Global("G1"), default)).Bytes, version: 1);
        return new Dictionary<string, string>
        {
            ["W0_A"] = "w0-a", ["W0_B"] = "w0-b", ["W1_A"] = "w1_a", ["W1_B"] = "w1_b", ["G0"] = "g0", ["G1"] = "g1",
        };
    }

    private async Task AssertValuesAsync(Guid workspaceId, Dictionary<string, string> expected)
    {
        var response = await _admin.GetAsync($"/workspaces/{workspaceId}/secrets/values");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var values = await response.BodyAsync();
        foreach (var (key, value) in expected)
        {
            values[key]!.GetValue<string>().ShouldBe(value, key);
        }
    }

    private async Task<List<int>> VersionsAsync()
    {
        await using var connection = await _app.Db.OpenConnectionAsync();
        return (await connection.QueryAsync<int>(
            "SELECT encryption_version FROM workspace_secrets UNION ALL SELECT encryption_version FROM global_secrets")).AsList();
    }

    private async Task<List<byte[]>> StoredBytesAsync()
    {
        await using var connection = await _app.Db.OpenConnectionAsync();
        return (await connection.QueryAsync<byte[]>(
            "SELECT encrypted_value FROM workspace_secrets UNION ALL SELECT encrypted_value FROM global_secrets ORDER BY 1")).AsList();
    }
}
