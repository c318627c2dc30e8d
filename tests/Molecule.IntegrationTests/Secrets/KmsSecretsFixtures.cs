using System.Net.Http.Json;
using Dapper;
using Molecule.Testing;
using Molecule.Testing.Aws;

namespace Molecule.IntegrationTests.Secrets;

/// <summary>Boots apps in KMS mode against a fresh set of AWS fakes (KMS_KEY_ARN = the fake's default key).</summary>
internal static class KmsSecretsTest
{
    /// <summary>An app with ADMIN_TOKEN, KMS_KEY_ARN and (by default) the static key for version 1 rows.</summary>
    public static Task<SecretsApp> BootAsync(FakeAws aws, bool withStaticKey = true, IDictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>(aws.Configuration)
        {
            ["ADMIN_TOKEN"] = SecretsTest.AdminToken,
            ["KMS_KEY_ARN"] = aws.Kms.DefaultKeyArn,
        };
        if (withStaticKey)
        {
            settings["SECRETS_ENCRYPTION_KEY"] = SecretsTest.HexKey;
        }

        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return SecretsApp.BootAsync(settings);
    }

    public static async Task<(byte[] Bytes, int Version)> WorkspaceRowAsync(this SecretsApp app, Guid workspaceId, string key)
    {
        await using var connection = await app.Db.OpenConnectionAsync();
        var row = await connection.QuerySingleAsync(
            "SELECT encrypted_value, encryption_version FROM workspace_secrets WHERE workspace_id = @workspaceId AND key = @key",
            new { workspaceId, key });
        return ((byte[])row.encrypted_value, (int)row.encryption_version);
    }

    public static async Task InsertWorkspaceRowAsync(this SecretsApp app, Guid workspaceId, string key, byte[] bytes, int version)
    {
        await using var connection = await app.Db.OpenConnectionAsync();
        await connection.ExecuteAsync(
            "INSERT INTO workspace_secrets (workspace_id, key, encrypted_value, encryption_version) VALUES (@workspaceId, @key, @bytes, @version)",
            new { workspaceId, key, bytes, version });
    }

    public static async Task InsertGlobalRowAsync(this SecretsApp app, string key, byte[] bytes, int version)
    {
        await using var connection = await app.Db.OpenConnectionAsync();
        await connection.ExecuteAsync(
            "INSERT INTO global_secrets (key, encrypted_value, encryption_version) VALUES (@key, @bytes, @version)",
            new { key, bytes, version });
    }

    public static Task<HttpResponseMessage> ReEncryptAsync(this HttpClient client, object? body = null) =>
        body is null
            ? client.PostAsync("/admin/secrets/reencrypt", content: null)
            : client.PostAsJsonAsync("/admin/secrets/reencrypt", body);
}

/// <summary>One KMS-mode app (static key configured too) over one set of fakes, shared by a test class.</summary>
public sealed class KmsSecretsFixture : IAsyncLifetime
{
    public FakeAws Aws { get; private set; } = null!;

    public SecretsApp App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Aws = await FakeAws.StartAsync();
        App = await KmsSecretsTest.BootAsync(Aws);
    }

    public async Task DisposeAsync()
    {
        await ((IAsyncLifetime)App).DisposeAsync();
        await Aws.DisposeAsync();
    }
}
