using System.Buffers.Binary;
using System.Text;
using Molecule.Secrets.Crypto;
using Molecule.Testing.Aws;

namespace Molecule.Tests.Secrets;

/// <summary>Version 2 against the in-process KMS fake (real JSON 1.1 wire, SigV4 verified).</summary>
public sealed class KmsEnvelopeCipherTests : IAsyncLifetime
{
    private static readonly SecretScope Scope = SecretScope.Workspace(Guid.Parse("7f1c5a2e-0000-4000-8000-000000000001"), "OPENAI_API_KEY");
    private AwsClientsHarness _aws = null!;

    public async Task InitializeAsync() => _aws = await AwsClientsHarness.StartAsync();

    public async Task DisposeAsync() => await _aws.DisposeAsync();

    private SecretEnvelope Envelope(byte[]? staticKey = null) =>
        SecretEnvelope.Create(staticKey, new KmsEnvelopeCipher(_aws.Kms, _aws.Aws.Kms.DefaultKeyArn));

    [Fact]
    public async Task A_sealed_value_has_the_v2_layout_and_opens_again()
    {
        var envelope = Envelope();

        var sealedValue = await envelope.SealAsync("sk-live-✓", Scope, default);

        sealedValue.Version.ShouldBe(2);
        sealedValue.Bytes[0].ShouldBe((byte)0x02);
        var wrappedLength = BinaryPrimitives.ReadUInt16BigEndian(sealedValue.Bytes.AsSpan(1, 2));
        var valueLength = Encoding.UTF8.GetByteCount("sk-live-✓");
        sealedValue.Bytes.Length.ShouldBe(1 + 2 + wrappedLength + 12 + valueLength + 16);
        Encoding.UTF8.GetString(sealedValue.Bytes).ShouldNotContain("sk-live");
        (await envelope.OpenAsync(sealedValue, Scope, default)).ShouldBe("sk-live-✓");
    }

    [Fact]
    public async Task Every_seal_takes_exactly_one_fresh_data_key()
    {
        var envelope = Envelope();
        var before = _aws.Aws.Kms.DataKeysGenerated;

        var first = await envelope.SealAsync("same value", Scope, default);
        var second = await envelope.SealAsync("same value", Scope, default);

        (_aws.Aws.Kms.DataKeysGenerated - before).ShouldBe(2);
        first.Bytes.ShouldNotBe(second.Bytes);
    }

    [Theory]
    [InlineData("other-workspace")]
    [InlineData("other-key")]
    [InlineData("global")]
    public async Task A_value_opened_under_another_workspace_or_key_is_refused_by_KMS(string where)
    {
        var envelope = Envelope();
        var sealedValue = await envelope.SealAsync("bound value", Scope, default);
        var elsewhere = where switch
        {
            "other-workspace" => SecretScope.Workspace(Guid.NewGuid(), Scope.Key),
            "other-key" => SecretScope.Workspace(Scope.WorkspaceId!.Value, "ANOTHER_KEY"),
            _ => SecretScope.Global(Scope.Key),
        };

        var error = await Should.ThrowAsync<SecretCipherException>(() => envelope.OpenAsync(sealedValue, elsewhere, default).AsTask());

        error.Message.ShouldContain("encryption context does not match");
        error.Message.ShouldNotContain("bound value");
    }

    [Fact]
    public async Task A_flipped_ciphertext_byte_fails_authentication()
    {
        var envelope = Envelope();
        var sealedValue = await envelope.SealAsync("value", Scope, default);
        sealedValue.Bytes[^20] ^= 1;

        await Should.ThrowAsync<SecretCipherException>(() => envelope.OpenAsync(sealedValue, Scope, default).AsTask());
    }

    [Fact]
    public async Task Version_0_and_1_rows_still_open_in_KMS_mode()
    {
        var staticKey = Convert.FromHexString("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
        var version1 = await SecretEnvelope.FromKey(staticKey).SealAsync("v1 value", Scope, default);
        var envelope = Envelope(staticKey);

        (await envelope.OpenAsync(version1, Scope, default)).ShouldBe("v1 value");
        (await envelope.OpenAsync(new SealedValue(Encoding.UTF8.GetBytes("v0 value"), 0), Scope, default)).ShouldBe("v0 value");
        envelope.WriteVersion.ShouldBe(2);
    }

    [Fact]
    public async Task KMS_failing_after_retries_is_unavailable_not_a_cipher_failure()
    {
        _aws.Aws.Kms.Faults.FailNext("GenerateDataKey", "KMSInternalException", times: 10, status: 500);

        var error = await Should.ThrowAsync<KeyServiceUnavailableException>(() => Envelope().SealAsync("value", Scope, default).AsTask());

        error.Message.ShouldContain("KMSInternalException");
        error.Message.ShouldNotContain("value\"");
    }

    [Fact]
    public async Task Throttling_after_retries_is_unavailable()
    {
        _aws.Aws.Kms.Faults.FailNext("GenerateDataKey", "ThrottlingException", times: 10);

        await Should.ThrowAsync<KeyServiceUnavailableException>(() => Envelope().SealAsync("value", Scope, default).AsTask());
    }

    [Fact]
    public async Task Access_denied_is_a_cipher_failure_not_unavailability()
    {
        _aws.Aws.Kms.Faults.FailNext("GenerateDataKey", "AccessDeniedException", times: 1);

        var error = await Should.ThrowAsync<SecretCipherException>(() => Envelope().SealAsync("value", Scope, default).AsTask());

        error.Message.ShouldContain("AccessDeniedException");
    }

    [Fact]
    public async Task A_throttle_that_clears_within_the_retries_still_seals()
    {
        _aws.Aws.Kms.Faults.FailNext("GenerateDataKey", "ThrottlingException", times: 1);

        (await Envelope().SealAsync("value", Scope, default)).Version.ShouldBe(2);
    }
}
