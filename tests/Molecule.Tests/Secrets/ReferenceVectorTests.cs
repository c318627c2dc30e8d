using System.Text;
using Molecule.Secrets.Crypto;

namespace Molecule.Tests.Secrets;

/// <summary>
/// Blobs laid out as the reference writes them — <c>nonce(12) ‖ ciphertext ‖ tag(16)</c>, which is
/// what Go's <c>gcm.Seal(nonce, nonce, plaintext, nil)</c> returns — built by other implementations.
/// </summary>
public sealed class ReferenceVectorTests
{
    /// <summary>
    /// The GCM specification's test case 15 (McGrew and Viega: 256-bit key, 96-bit IV, no AAD),
    /// arranged as a stored version 1 value.
    /// </summary>
    [Fact]
    public async Task Gcm_specification_test_case_15_decrypts()
    {
        const string key = "feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308";
        const string nonce = "cafebabefacedbaddecaf888";
        const string ciphertext =
            "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa" +
            "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662898015ad";
        const string tag = "b094dac5d93471bdec1a502270e3cc6c";
        const string plaintext =
            "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72" +
            "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255";

        EncryptionKey.TryParse(key, out var parsedKey).ShouldBeTrue();
        var blob = Convert.FromHexString(nonce + ciphertext + tag);

        var opened = await new AesGcmCipher(parsedKey).DecryptAsync(blob, SecretScope.Global("K"), default);

        Convert.ToHexStringLower(opened).ShouldBe(plaintext);
    }

    /// <summary>
    /// A value sealed with Python's <c>cryptography</c> AESGCM under a raw 32-character key (the
    /// reference's raw-string key form), nonce 000102…0b, read through the whole envelope.
    /// </summary>
    [Fact]
    public async Task Raw_key_blob_from_another_implementation_opens_through_the_envelope()
    {
        EncryptionKey.TryParse("molecule-reference-key-32-bytes!", out var key).ShouldBeTrue();
        var envelope = SecretEnvelope.FromKey(key);
        var stored = new SealedValue(
            Convert.FromBase64String("AAECAwQFBgcICQoLbT4/4KBcWVWrTG84eH+MOodBX94ZqzzFWe7S+Pm06b9uACqcYg=="),
            Version: 1);

        var value = await envelope.OpenAsync(stored, SecretScope.Workspace(Guid.NewGuid(), "ANTHROPIC_API_KEY"), default);

        value.ShouldBe("sk-ant-test-value ✓");
    }

    [Fact]
    public async Task Our_blob_has_the_reference_layout()
    {
        var key = Encoding.UTF8.GetBytes("molecule-reference-key-32-bytes!");
        var plaintext = Encoding.UTF8.GetBytes("layout check");

        var blob = await new AesGcmCipher(key).EncryptAsync(plaintext, SecretScope.Global("K"), default);

        // Re-seal with the same nonce through the platform primitive and compare byte for byte.
        var expected = new byte[blob.Length];
        blob.AsSpan(0, 12).CopyTo(expected);
        using var aes = new System.Security.Cryptography.AesGcm(key, 16);
        aes.Encrypt(blob.AsSpan(0, 12), plaintext, expected.AsSpan(12, plaintext.Length), expected.AsSpan(12 + plaintext.Length));
        blob.ShouldBe(expected);
    }
}
