using System.Buffers.Text;
using System.Text;
using Molecule.Secrets.Crypto;

namespace Molecule.Tests.Secrets;

public sealed class EncryptionKeyTests
{
    private static readonly byte[] Key = [.. Enumerable.Range(0, 32).Select(i => (byte)(i * 7 + 3))];

    [Fact]
    public void Hex_of_32_bytes_is_the_key()
    {
        EncryptionKey.TryParse(Convert.ToHexStringLower(Key), out var parsed).ShouldBeTrue();
        parsed.ShouldBe(Key);
    }

    [Fact]
    public void Uppercase_hex_is_accepted()
    {
        EncryptionKey.TryParse(Convert.ToHexString(Key), out var parsed).ShouldBeTrue();
        parsed.ShouldBe(Key);
    }

    [Fact]
    public void Standard_base64_padded_or_not_is_the_key()
    {
        var padded = Convert.ToBase64String(Key);
        padded.Length.ShouldBe(44);

        EncryptionKey.TryParse(padded, out var fromPadded).ShouldBeTrue();
        EncryptionKey.TryParse(padded.TrimEnd('='), out var fromUnpadded).ShouldBeTrue();
        fromPadded.ShouldBe(Key);
        fromUnpadded.ShouldBe(Key);
    }

    [Fact]
    public void Url_safe_base64_padded_or_not_is_the_key()
    {
        var key = Enumerable.Repeat((byte)0xFB, 32).ToArray(); // encodes to '+'/'/' in standard base64
        var urlSafe = Base64Url.EncodeToString(key);
        urlSafe.ShouldContain("-");

        EncryptionKey.TryParse(urlSafe, out var unpadded).ShouldBeTrue();
        EncryptionKey.TryParse(urlSafe + "=", out var padded).ShouldBeTrue();
        unpadded.ShouldBe(key);
        padded.ShouldBe(key);
    }

    [Fact]
    public void Raw_32_byte_string_is_used_as_is()
    {
        const string raw = "molecule-reference-key-32-bytes!";

        EncryptionKey.TryParse(raw, out var parsed).ShouldBeTrue();
        parsed.ShouldBe(Encoding.UTF8.GetBytes(raw));
    }

    [Fact]
    public void Raw_32_characters_that_also_read_as_base64_are_still_the_raw_key()
    {
        // The reference decodes this as base64 (24 bytes) and silently disables encryption.
        const string raw = "abcdefghijklmnopqrstuvwxyz012345";

        EncryptionKey.TryParse(raw, out var parsed).ShouldBeTrue();
        parsed.ShouldBe(Encoding.UTF8.GetBytes(raw));
    }

    [Theory]
    [InlineData(31)]
    [InlineData(33)]
    [InlineData(16)]
    [InlineData(48)]
    public void Base64_of_any_other_length_is_rejected(int bytes)
    {
        var encoded = Convert.ToBase64String(Enumerable.Repeat((byte)0xFF, bytes).ToArray());

        EncryptionKey.TryParse(encoded, out _).ShouldBeFalse();
        EncryptionKey.TryParse(encoded.TrimEnd('='), out _).ShouldBeFalse();
    }

    [Theory]
    [InlineData(31)]
    [InlineData(33)]
    [InlineData(1)]
    public void Raw_strings_of_another_length_are_rejected(int length)
    {
        EncryptionKey.TryParse(new string('!', length), out _).ShouldBeFalse();
    }

    [Theory]
    [InlineData(62)]
    [InlineData(66)]
    public void Hex_of_another_length_is_rejected(int length)
    {
        EncryptionKey.TryParse(new string('a', length), out _).ShouldBeFalse();
    }

    [Fact]
    public void Base64_with_characters_outside_both_alphabets_is_rejected()
    {
        var encoded = Convert.ToBase64String(Key);

        EncryptionKey.TryParse(encoded[..20] + "." + encoded[21..], out _).ShouldBeFalse();
        EncryptionKey.TryParse(encoded[..20] + " " + encoded[21..], out _).ShouldBeFalse();
    }

    [Fact]
    public void Sixty_four_characters_that_are_not_hex_are_rejected()
    {
        EncryptionKey.TryParse(new string('g', 64), out _).ShouldBeFalse();
        EncryptionKey.TryParse(Convert.ToHexStringLower(Key)[..63] + "!", out _).ShouldBeFalse();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Missing_key_is_not_a_key(string? text)
    {
        EncryptionKey.TryParse(text, out _).ShouldBeFalse();
    }

    [Fact]
    public void Multibyte_text_counts_bytes_not_characters()
    {
        // 16 two-byte characters are 32 bytes; 32 of them are 64 bytes.
        EncryptionKey.TryParse(new string('é', 16), out var parsed).ShouldBeTrue();
        parsed!.Length.ShouldBe(32);
        EncryptionKey.TryParse(new string('é', 32), out _).ShouldBeFalse();
    }
}
