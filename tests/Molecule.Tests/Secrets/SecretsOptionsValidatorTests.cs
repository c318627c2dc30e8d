using Microsoft.Extensions.Options;
using Molecule.Kernel.Configuration;
using Molecule.Secrets;

namespace Molecule.Tests.Secrets;

public sealed class SecretsOptionsValidatorTests
{
    private const string ValidHexKey = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";

    [Theory]
    [InlineData(null)]
    [InlineData("development")]
    [InlineData("staging")]
    public void Outside_production_a_missing_key_is_allowed(string? environment)
    {
        Validate(environment, key: null).Succeeded.ShouldBeTrue();
    }

    [Theory]
    [InlineData("production")]
    [InlineData("prod")]
    [InlineData(" Production ")]
    public void Production_without_a_key_refuses_to_start(string environment)
    {
        var result = Validate(environment, key: null);

        result.Failed.ShouldBeTrue();
        result.FailureMessage.ShouldContain("SECRETS_ENCRYPTION_KEY is required");
        result.FailureMessage.ShouldContain("64 hex characters");
    }

    [Fact]
    public void Production_with_a_valid_key_starts()
    {
        Validate("production", ValidHexKey).Succeeded.ShouldBeTrue();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("production")]
    public void A_key_of_the_wrong_size_refuses_to_start_and_names_the_accepted_forms_without_echoing_it(string? environment)
    {
        const string shortKey = "too-short-secret-key-material";

        var result = Validate(environment, shortKey);

        result.Failed.ShouldBeTrue();
        result.FailureMessage.ShouldContain("64 hex characters");
        result.FailureMessage.ShouldContain("base64");
        result.FailureMessage.ShouldContain("raw 32-byte string");
        result.FailureMessage.ShouldNotContain(shortKey);
    }

    private static ValidateOptionsResult Validate(string? environment, string? key)
    {
        var platform = Options.Create(new PlatformOptions { MoleculeEnv = environment });
        return new SecretsOptionsValidator(platform).Validate(null, new SecretsOptions { EncryptionKey = key });
    }
}
