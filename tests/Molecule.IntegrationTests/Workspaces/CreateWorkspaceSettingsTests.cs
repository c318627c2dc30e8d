using System.Net;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Molecule.Kernel.Secrets;
using Molecule.Testing;
using Npgsql;
using static Molecule.IntegrationTests.Workspaces.WorkspacesTestKit;

namespace Molecule.IntegrationTests.Workspaces;

public sealed class CreateWorkspaceSettingsTests
{
    [Fact]
    public async Task External_platform_url_and_the_ec2_default_backend_are_honoured()
    {
        await using var app = await WorkspacesApp.StartAsync(new Dictionary<string, string?>
        {
            ["EXTERNAL_PLATFORM_URL"] = "https://agents.example.com/",
            ["Provisioner:DefaultBackend"] = "ec2",
        });

        var (_, external) = await PostAsync(app.Admin(), "/workspaces", """{"name":"Remote","external":true}""");
        external!["connection"]!["platform_url"]!.GetValue<string>().ShouldBe("https://agents.example.com");

        // The ec2 default applies to a create without compute_backend: this server has no EC2
        // configuration, so the create is refused up front, naming what is missing.
        var (refused, body) = await PostAsync(app.Admin(), "/workspaces", """{"name":"On EC2"}""");
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        body.Text("error").ShouldStartWith("the ec2 backend is not configured: missing EC2_AMI");
    }

    [Fact]
    public async Task Secrets_given_at_create_are_stored_encrypted_and_readable_by_the_agent()
    {
        await using var app = await WorkspacesApp.StartAsync(new Dictionary<string, string?>
        {
            ["SECRETS_ENCRYPTION_KEY"] = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
        });

        var id = await CreateAsync(app.Admin(), new { name = "keyed", secrets = new Dictionary<string, string> { ["OPENAI_API_KEY"] = "sk-live-1" } });

        await using var connection = await app.Db.OpenConnectionAsync();
        var row = await connection.QuerySingleAsync<(byte[] Bytes, int Version)>(
            "SELECT encrypted_value, encryption_version FROM workspace_secrets WHERE workspace_id = @id", new { id });
        row.Version.ShouldBe(1);
        System.Text.Encoding.UTF8.GetString(row.Bytes).ShouldNotContain("sk-live-1");
        var values = await app.Admin().GetStringAsync($"/workspaces/{id}/secrets/values");
        values.ShouldContain("\"OPENAI_API_KEY\":\"sk-live-1\"");
    }

    [Fact]
    public async Task Secrets_are_written_in_the_creating_transaction()
    {
        var writer = new RecordingSecretWriter();
        await using var app = await WorkspacesApp.StartAsync(configureServices: services =>
        {
            services.RemoveAll<IWorkspaceSecretWriter>();
            services.AddSingleton<IWorkspaceSecretWriter>(writer);
        });

        var id = await CreateAsync(app.Admin(), new { name = "with secrets", secrets = new Dictionary<string, string> { ["OPENAI_API_KEY"] = "sk-1", ["EMPTY"] = "" } });

        (await CountAsync(app, "SELECT count(*) FROM workspace_secrets WHERE workspace_id = @id", new { id })).ShouldBe(2);

        writer.FailOn = ("BAD", SecretWriteStage.Encrypt);
        var before = await CountAsync(app, "SELECT count(*) FROM workspaces");
        var (encrypt, encryptBody) = await PostAsync(app.Admin(), "/workspaces", """{"name":"b","secrets":{"BAD":"x"}}""");
        encrypt.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        encryptBody.Text("error").ShouldBe("failed to encrypt secret: BAD");

        writer.FailOn = ("BAD", SecretWriteStage.Save);
        var (save, saveBody) = await PostAsync(app.Admin(), "/workspaces", """{"name":"c","secrets":{"OK":"1","BAD":"x"}}""");
        save.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        saveBody.Text("error").ShouldBe("failed to save secret: BAD");

        (await CountAsync(app, "SELECT count(*) FROM workspaces")).ShouldBe(before);
        (await CountAsync(app, "SELECT count(*) FROM workspace_secrets")).ShouldBe(2);
    }

    /// <summary>Stores values as plaintext in the caller's transaction; fails on one chosen key.</summary>
    private sealed class RecordingSecretWriter : IWorkspaceSecretWriter
    {
        public (string Key, SecretWriteStage Stage)? FailOn { get; set; }

        public async Task<SecretWriteFailure?> UpsertAsync(
            NpgsqlTransaction transaction, Guid workspaceId, IReadOnlyDictionary<string, string> secrets, CancellationToken cancellationToken = default)
        {
            foreach (var (key, value) in secrets.OrderBy(pair => pair.Key, StringComparer.Ordinal))
            {
                if (FailOn is { } fail && fail.Key == key)
                {
                    return new SecretWriteFailure(key, fail.Stage);
                }

                await transaction.Connection!.ExecuteAsync(
                    "INSERT INTO workspace_secrets (workspace_id, key, encrypted_value) VALUES (@workspaceId, @key, @value)",
                    new { workspaceId, key, value = System.Text.Encoding.UTF8.GetBytes(value) },
                    transaction);
            }

            return null;
        }
    }
}
