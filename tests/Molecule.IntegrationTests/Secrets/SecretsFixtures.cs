using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Molecule.Testing;

namespace Molecule.IntegrationTests.Secrets;

/// <summary>Settings and helpers shared by the secrets integration tests.</summary>
internal static class SecretsTest
{
    public const string AdminToken = "secrets-admin-token";

    /// <summary>A key in the hex form; the raw bytes are 00 01 02 … 1f.</summary>
    public const string HexKey = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";

    public static readonly TimeSpan RestartWait = TimeSpan.FromSeconds(10);

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static async Task<JsonNode> BodyAsync(this HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())
        ?? throw new InvalidOperationException("empty response body");

    public static async Task<string> ErrorAsync(this HttpResponseMessage response) =>
        (await response.BodyAsync())["error"]!.GetValue<string>();

    public static Task<HttpResponseMessage> SetSecretAsync(this HttpClient client, Guid workspaceId, string key, string value) =>
        client.PostAsJsonAsync($"/workspaces/{workspaceId}/secrets", new { key, value });

    public static Task<HttpResponseMessage> SetGlobalAsync(this HttpClient client, string key, string value) =>
        client.PutAsJsonAsync("/settings/secrets", new { key, value });
}

/// <summary>An app with ADMIN_TOKEN and no encryption key: secrets are stored as version 0.</summary>
public sealed class PlaintextSecretsFixture : IAsyncLifetime
{
    public SecretsApp App { get; private set; } = null!;

    public async Task InitializeAsync() =>
        App = await SecretsApp.BootAsync(new Dictionary<string, string?> { ["ADMIN_TOKEN"] = SecretsTest.AdminToken });

    public Task DisposeAsync() => ((IAsyncLifetime)App).DisposeAsync();
}

/// <summary>An app with ADMIN_TOKEN and SECRETS_ENCRYPTION_KEY: secrets are stored as version 1.</summary>
public sealed class EncryptedSecretsFixture : IAsyncLifetime
{
    public SecretsApp App { get; private set; } = null!;

    public async Task InitializeAsync() =>
        App = await SecretsApp.BootAsync(new Dictionary<string, string?>
        {
            ["ADMIN_TOKEN"] = SecretsTest.AdminToken,
            ["SECRETS_ENCRYPTION_KEY"] = SecretsTest.HexKey,
        });

    public Task DisposeAsync() => ((IAsyncLifetime)App).DisposeAsync();
}
