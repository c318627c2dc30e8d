using System.Net;
using Molecule.Testing;

namespace Molecule.IntegrationTests.Secrets;

/// <summary>The encryption key is checked when the host boots, not when the first secret is written.</summary>
public sealed class EncryptionStartupTests
{
    [Theory]
    [InlineData("production")]
    [InlineData("prod")]
    public async Task Production_without_a_key_refuses_to_boot(string environment)
    {
        var error = await BootFailureAsync(new() { ["MOLECULE_ENV"] = environment });

        error.ShouldContain("SECRETS_ENCRYPTION_KEY is required");
    }

    [Theory]
    [InlineData("development")]
    [InlineData("production")]
    public async Task A_key_that_is_not_32_bytes_refuses_to_boot_without_echoing_it(string environment)
    {
        const string badKey = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcd"; // 62 hex characters

        var error = await BootFailureAsync(new() { ["MOLECULE_ENV"] = environment, ["SECRETS_ENCRYPTION_KEY"] = badKey });

        error.ShouldContain("SECRETS_ENCRYPTION_KEY is not a 32-byte key");
        error.ShouldContain("64 hex characters");
        error.ShouldNotContain(badKey);
    }

    [Fact]
    public async Task Production_with_a_key_boots_and_encrypts_with_it()
    {
        await using var app = await SecretsApp.BootAsync(new Dictionary<string, string?>
        {
            ["MOLECULE_ENV"] = "production",
            ["ADMIN_TOKEN"] = SecretsTest.AdminToken,
            ["SECRETS_ENCRYPTION_KEY"] = Convert.ToBase64String(Convert.FromHexString(SecretsTest.HexKey)),
        });

        var response = await app.Client(SecretsTest.AdminToken).SetGlobalAsync("BOOTED", "v");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        app.Logs.Lines.ShouldContain(line => line.Contains("encrypted at rest with AES-256-GCM"));
        app.Logs.Lines.ShouldNotContain(line => line.Contains("SECRETS_ENCRYPTION_KEY is not set"));
    }

    [Fact]
    public async Task Production_with_only_KMS_boots_and_says_so()
    {
        await using var aws = await Molecule.Testing.Aws.FakeAws.StartAsync();
        await using var app = await KmsSecretsTest.BootAsync(aws, withStaticKey: false, extra: new Dictionary<string, string?> { ["MOLECULE_ENV"] = "production" });

        var response = await app.Client(SecretsTest.AdminToken).SetGlobalAsync("BOOTED", "v");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        app.Logs.Lines.ShouldContain(line => line.Contains("KMS envelope encryption under " + aws.Kms.DefaultKeyArn));
        app.Logs.Lines.ShouldNotContain(line => line.Contains("stored in plaintext"));
    }

    /// <summary>Boots a host that must fail; returns everything the failure said.</summary>
    private static async Task<string> BootFailureAsync(Dictionary<string, string?> settings)
    {
        var app = new SecretsApp();
        foreach (var (key, value) in settings)
        {
            app.Settings[key] = value;
        }

        try
        {
            var exception = await Should.ThrowAsync<Exception>(app.InitializeAsync);
            return exception.ToString();
        }
        finally
        {
            await ((IAsyncLifetime)app).DisposeAsync();
        }
    }
}
