using System.Text;
using Molecule.Secrets.Crypto;

namespace Molecule.Tests.Secrets;

public sealed class SecretEnvelopeTests
{
    private static readonly byte[] Key = Convert.FromHexString("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
    private static readonly SecretScope Scope = SecretScope.Workspace(Guid.NewGuid(), "OPENAI_API_KEY");

    [Fact]
    public async Task With_a_key_writes_are_version_1_ciphertext()
    {
        var envelope = SecretEnvelope.FromKey(Key);

        var stored = await envelope.SealAsync("sk-live-value", Scope, default);

        envelope.Encrypts.ShouldBeTrue();
        stored.Version.ShouldBe(1);
        stored.Bytes.ShouldNotBe(Encoding.UTF8.GetBytes("sk-live-value"));
        (await envelope.OpenAsync(stored, Scope, default)).ShouldBe("sk-live-value");
    }

    [Fact]
    public async Task Without_a_key_writes_are_version_0_plaintext()
    {
        var envelope = SecretEnvelope.FromKey(null);

        var stored = await envelope.SealAsync("sk-live-value", Scope, default);

        envelope.Encrypts.ShouldBeFalse();
        stored.Version.ShouldBe(0);
        stored.Bytes.ShouldBe(Encoding.UTF8.GetBytes("sk-live-value"));
    }

    [Fact]
    public async Task Version_0_rows_are_still_read_once_a_key_is_set()
    {
        var envelope = SecretEnvelope.FromKey(Key);

        var value = await envelope.OpenAsync(new SealedValue(Encoding.UTF8.GetBytes("legacy plaintext"), 0), Scope, default);

        value.ShouldBe("legacy plaintext");
    }

    [Fact]
    public async Task Version_1_without_a_key_says_the_key_is_unset()
    {
        var sealedWithKey = await SecretEnvelope.FromKey(Key).SealAsync("value", Scope, default);

        var error = await Should.ThrowAsync<SecretCipherException>(
            () => SecretEnvelope.FromKey(null).OpenAsync(sealedWithKey, Scope, default).AsTask());

        error.Message.ShouldBe("row was encrypted (version=1) but SECRETS_ENCRYPTION_KEY is unset; cannot decrypt");
    }

    [Fact]
    public async Task An_unknown_version_asks_for_an_upgrade()
    {
        var error = await Should.ThrowAsync<SecretCipherException>(
            () => SecretEnvelope.FromKey(Key).OpenAsync(new SealedValue([1, 2, 3], 3), Scope, default).AsTask());

        error.Message.ShouldBe("unknown encryption_version=3; platform upgrade required");
    }

    [Fact]
    public async Task A_version_2_row_without_KMS_names_the_missing_setting()
    {
        var error = await Should.ThrowAsync<SecretCipherException>(
            () => SecretEnvelope.FromKey(Key).OpenAsync(new SealedValue([2, 0, 1, 9], 2), Scope, default).AsTask());

        error.Message.ShouldBe("row was encrypted (version=2) but KMS_KEY_ARN is unset; cannot decrypt");
    }

    [Fact]
    public async Task Bytes_that_are_not_text_are_an_error_not_garbage()
    {
        await Should.ThrowAsync<SecretCipherException>(
            () => SecretEnvelope.FromKey(Key).OpenAsync(new SealedValue([0xC3, 0x28, 0xFF], 0), Scope, default).AsTask());
    }

    [Fact]
    public async Task Tampered_version_1_value_fails_through_the_envelope()
    {
        var envelope = SecretEnvelope.FromKey(Key);
        var stored = await envelope.SealAsync("value", Scope, default);
        stored.Bytes[15] ^= 0x80;

        await Should.ThrowAsync<SecretCipherException>(() => envelope.OpenAsync(stored, Scope, default).AsTask());
    }

    [Fact]
    public void Scope_labels_name_global_and_workspace_secrets()
    {
        SecretScope.Global("K").Label.ShouldBe("global:K");
        SecretScope.Workspace(Guid.NewGuid(), "K").Label.ShouldBe("workspace:K");
    }
}
