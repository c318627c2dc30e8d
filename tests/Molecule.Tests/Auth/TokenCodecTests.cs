using System.Security.Cryptography;
using System.Text;
using Molecule.Auth.Tokens;

namespace Molecule.Tests.Auth;

public sealed class TokenCodecTests
{
    [Fact]
    public void New_plaintext_is_43_unpadded_base64url_characters()
    {
        var token = TokenCodec.NewPlaintext();

        token.Length.ShouldBe(43);
        token.ShouldAllBe(c => char.IsAsciiLetterOrDigit(c) || c == '-' || c == '_');
    }

    [Fact]
    public void New_plaintexts_differ()
    {
        var tokens = Enumerable.Range(0, 100).Select(_ => TokenCodec.NewPlaintext()).ToHashSet();

        tokens.Count.ShouldBe(100);
    }

    [Fact]
    public void Hash_is_sha256_of_the_utf8_plaintext()
    {
        TokenCodec.Hash("abc").ShouldBe(Convert.FromHexString("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
        TokenCodec.Hash("tok-é").ShouldBe(SHA256.HashData(Encoding.UTF8.GetBytes("tok-é")));
    }

    [Fact]
    public void Prefix_is_the_first_eight_characters()
    {
        TokenCodec.Prefix("abcdefghijkl").ShouldBe("abcdefgh");
        TokenCodec.Prefix("abc").ShouldBe("abc");
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("", null)]
    [InlineData("Bearer", null)]
    [InlineData("Bearer ", null)]
    [InlineData("Bearer    ", null)]
    [InlineData("bearer abc", null)]
    [InlineData("BEARER abc", null)]
    [InlineData("Basic abc", null)]
    [InlineData("Bearer abc", "abc")]
    [InlineData("Bearer   abc  ", "abc")]
    [InlineData("Bearer a b", "a b")]
    public void Bearer_requires_the_case_sensitive_scheme_and_trims_the_rest(string? header, string? expected)
    {
        TokenCodec.Bearer(header).ShouldBe(expected);
    }

    [Theory]
    [InlineData("secret", "secret", true)]
    [InlineData("secret", "secreT", false)]
    [InlineData("secret", "secret ", false)]
    [InlineData("secret", "", false)]
    [InlineData(null, "secret", false)]
    [InlineData("secret", null, false)]
    public void Fixed_time_equality_is_exact(string? a, string? b, bool expected)
    {
        TokenCodec.FixedTimeEquals(a, b).ShouldBe(expected);
    }
}
