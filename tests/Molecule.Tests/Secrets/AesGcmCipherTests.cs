using System.Text;
using Molecule.Secrets.Crypto;

namespace Molecule.Tests.Secrets;

public sealed class AesGcmCipherTests
{
    private static readonly byte[] Key = Convert.FromHexString("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
    private static readonly SecretScope Scope = SecretScope.Global("ANTHROPIC_API_KEY");

    [Fact]
    public async Task Round_trip_returns_the_plaintext()
    {
        var cipher = new AesGcmCipher(Key);
        var plaintext = Encoding.UTF8.GetBytes("sk-ant-api03-value — ünïcode");

        var blob = await cipher.EncryptAsync(plaintext, Scope, default);

        blob.Length.ShouldBe(12 + plaintext.Length + 16);
        (await cipher.DecryptAsync(blob, Scope, default)).ShouldBe(plaintext);
    }

    [Fact]
    public async Task Empty_plaintext_round_trips()
    {
        var cipher = new AesGcmCipher(Key);

        var blob = await cipher.EncryptAsync(Array.Empty<byte>(), Scope, default);

        blob.Length.ShouldBe(28);
        (await cipher.DecryptAsync(blob, Scope, default)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Every_encryption_uses_a_fresh_nonce()
    {
        var cipher = new AesGcmCipher(Key);
        var plaintext = Encoding.UTF8.GetBytes("same value");

        var first = await cipher.EncryptAsync(plaintext, Scope, default);
        var second = await cipher.EncryptAsync(plaintext, Scope, default);

        first[..12].ShouldNotBe(second[..12]);
        first.ShouldNotBe(second);
    }

    [Fact]
    public async Task Ciphertext_does_not_contain_the_plaintext()
    {
        var cipher = new AesGcmCipher(Key);
        var plaintext = Encoding.UTF8.GetBytes("a-very-recognisable-secret-value");

        var blob = await cipher.EncryptAsync(plaintext, Scope, default);

        Encoding.UTF8.GetString(blob).ShouldNotContain("recognisable");
    }

    [Theory]
    [InlineData(0)]   // nonce
    [InlineData(11)]  // last nonce byte
    [InlineData(12)]  // first ciphertext byte
    [InlineData(-1)]  // last tag byte
    [InlineData(-16)] // first tag byte
    public async Task Any_flipped_bit_fails_with_a_typed_error(int position)
    {
        var cipher = new AesGcmCipher(Key);
        var blob = await cipher.EncryptAsync(Encoding.UTF8.GetBytes("value"), Scope, default);
        var index = position >= 0 ? position : blob.Length + position;
        blob[index] ^= 0x01;

        var error = await Should.ThrowAsync<SecretCipherException>(() => cipher.DecryptAsync(blob, Scope, default).AsTask());

        error.Message.ShouldContain("failed authentication");
    }

    [Fact]
    public async Task A_different_key_fails_with_a_typed_error()
    {
        var blob = await new AesGcmCipher(Key).EncryptAsync(Encoding.UTF8.GetBytes("value"), Scope, default);
        var otherKey = Key.Select(b => (byte)(b ^ 0xFF)).ToArray();

        await Should.ThrowAsync<SecretCipherException>(() => new AesGcmCipher(otherKey).DecryptAsync(blob, Scope, default).AsTask());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(12)]
    [InlineData(27)]
    public async Task A_blob_shorter_than_nonce_and_tag_fails_with_a_typed_error(int length)
    {
        var error = await Should.ThrowAsync<SecretCipherException>(
            () => new AesGcmCipher(Key).DecryptAsync(new byte[length], Scope, default).AsTask());

        error.Message.ShouldContain("shorter");
    }

    [Fact]
    public async Task A_truncated_blob_fails_with_a_typed_error()
    {
        var cipher = new AesGcmCipher(Key);
        var blob = await cipher.EncryptAsync(Encoding.UTF8.GetBytes("a longer value to cut"), Scope, default);

        await Should.ThrowAsync<SecretCipherException>(() => cipher.DecryptAsync(blob[..^1], Scope, default).AsTask());
        await Should.ThrowAsync<SecretCipherException>(() => cipher.DecryptAsync(blob[..^5], Scope, default).AsTask());
    }

    [Fact]
    public void Only_a_32_byte_key_makes_a_cipher()
    {
        Should.Throw<ArgumentException>(() => new AesGcmCipher(new byte[16]));
        Should.Throw<ArgumentException>(() => new AesGcmCipher(new byte[33]));
    }
}
