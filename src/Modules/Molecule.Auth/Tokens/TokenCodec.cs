using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Molecule.Auth.Tokens;

/// <summary>
/// Bearer token format shared by workspace and org tokens: 32 random bytes as unpadded base64url
/// (43 characters). Only the SHA-256 of the plaintext and its first 8 characters are ever stored.
/// </summary>
internal static class TokenCodec
{
    public const int PrefixLength = 8;

    public static string NewPlaintext() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public static byte[] Hash(string plaintext) => SHA256.HashData(Encoding.UTF8.GetBytes(plaintext));

    public static string Prefix(string plaintext) => plaintext[..Math.Min(PrefixLength, plaintext.Length)];

    /// <summary>Constant-time string equality, for comparing a bearer with ADMIN_TOKEN.</summary>
    public static bool FixedTimeEquals(string? a, string? b)
    {
        if (a is null || b is null)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));
    }

    /// <summary>
    /// The bearer from <c>Authorization</c>: the header must start with <c>Bearer </c> (case-sensitive,
    /// as the reference), the rest is trimmed. Null when absent or empty.
    /// </summary>
    public static string? Bearer(string? authorization)
    {
        const string scheme = "Bearer ";
        if (authorization is null || !authorization.StartsWith(scheme, StringComparison.Ordinal))
        {
            return null;
        }

        var token = authorization[scheme.Length..].Trim();
        return token.Length == 0 ? null : token;
    }
}
