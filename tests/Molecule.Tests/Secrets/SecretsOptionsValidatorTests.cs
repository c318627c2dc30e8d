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

    [Fact]
    public void Production_with_only_a_KMS_key_starts()
    {
        Validate("production", key: null, kmsKeyArn: "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab")
            .Succeeded.ShouldBeTrue();
    }

    [Fact]
    public void Production_refusal_mentions_KMS_as_the_alternative()
    {
        Validate("production", key: null, kmsKeyArn: "  ").FailureMessage!.ShouldContain("unless KMS_KEY_ARN is set");
    }

    [Theory]
    [InlineData("arn:aws:kms:us-east-1:1:key/a b")]
    [InlineData("alias/x\n")]
    public void A_KMS_key_id_with_spaces_refuses_to_start(string kmsKeyArn)
    {
        var result = Validate(null, key: null, kmsKeyArn: kmsKeyArn);

        result.Failed.ShouldBeTrue();
        result.FailureMessage.ShouldContain("KMS_KEY_ARN is not a KMS key id");
    }

    [Fact]
    public void A_bad_static_key_is_refused_even_when_KMS_is_set()
    {
        Validate("production", "too-short", kmsKeyArn: "alias/molecule").FailureMessage!.ShouldContain("SECRETS_ENCRYPTION_KEY is not a 32-byte key");
    }

    private static ValidateOptionsResult Validate(string? environment, string? key, string? kmsKeyArn = null)
    {
        var platform = Options.Create(new PlatformOptions { MoleculeEnv = environment });
        return new SecretsOptionsValidator(platform).Validate(null, new SecretsOptions { EncryptionKey = key, KmsKeyArn = kmsKeyArn });
    }
}
