using System.Net;
using System.Net.Sockets;
using Molecule.Secrets.Crypto;
using Molecule.Testing;
using Molecule.Testing.Aws;

namespace Molecule.IntegrationTests.Secrets;

/// <summary>What each mode can and cannot read, and KMS that is not there at all.</summary>
public sealed class KmsModeBoundaryTests
{
    [Fact]
    public async Task A_version_2_row_without_KMS_configured_is_a_named_decryption_failure()
    {
        await using var app = await SecretsApp.BootAsync(new Dictionary<string, string?>
        {
            ["ADMIN_TOKEN"] = SecretsTest.AdminToken,
            ["SECRETS_ENCRYPTION_KEY"] = SecretsTest.HexKey,
        });
        var workspaceId = await app.CreateWorkspaceAsync();
        await app.InsertWorkspaceRowAsync(workspaceId, "FROM_KMS", [0x02, 0x00, 0x01, 0xAA, .. new byte[28]], version: 2);

        var response = await app.Client(SecretsTest.AdminToken).GetAsync($"/workspaces/{workspaceId}/secrets/values");

        response.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        (await response.BodyAsync())["failed_keys"]!.AsArray().Select(node => node!.GetValue<string>()).ShouldBe(["workspace:FROM_KMS"]);
        app.Logs.Lines.ShouldContain(line => line.Contains("row was encrypted (version=2) but KMS_KEY_ARN is unset"));
    }

    [Fact]
    public async Task KMS_only_mode_writes_version_2_but_cannot_open_version_1_rows()
    {
        await using var aws = await FakeAws.StartAsync();
        await using var app = await KmsSecretsTest.BootAsync(aws, withStaticKey: false);
        var admin = app.Client(SecretsTest.AdminToken);
        var workspaceId = await app.CreateWorkspaceAsync();
        var version1 = await SecretEnvelope.FromKey(Convert.FromHexString(SecretsTest.HexKey))
            .SealAsync("v1", SecretScope.Workspace(workspaceId, "OLD"), default);
        await app.InsertWorkspaceRowAsync(workspaceId, "OLD", version1.Bytes, version: 1);

        await admin.SetSecretAsync(workspaceId, "NEW", "new-value");
        var response = await admin.GetAsync($"/workspaces/{workspaceId}/secrets/values");

        (await app.WorkspaceRowAsync(workspaceId, "NEW")).Version.ShouldBe(2);
        response.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        (await response.BodyAsync())["failed_keys"]!.AsArray().Select(node => node!.GetValue<string>()).ShouldBe(["workspace:OLD"]);
        app.Logs.Lines.ShouldContain(line => line.Contains("rows stored as encryption_version=1 cannot be read"));
    }

    [Fact]
    public async Task KMS_refusing_connections_is_503_with_Retry_After()
    {
        await using var aws = await FakeAws.StartAsync();
        await using var app = await KmsSecretsTest.BootAsync(aws, extra: new Dictionary<string, string?>
        {
            ["AWS_ENDPOINT_URL_KMS"] = $"http://127.0.0.1:{ClosedPort()}",
        });
        var workspaceId = await app.CreateWorkspaceAsync();

        var response = await app.Client(SecretsTest.AdminToken).SetSecretAsync(workspaceId, "UNREACHABLE", "unreachable-value");

        response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        response.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(KeyServiceUnavailableException.RetryAfterSeconds));
        (await response.Content.ReadAsStringAsync()).ShouldNotContain("unreachable-value");
        app.Logs.Lines.ShouldNotContain(line => line.Contains("unreachable-value"));
    }

    /// <summary>A loopback port nobody listens on: bound, read, released.</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
