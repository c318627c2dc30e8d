using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Molecule.Secrets.Crypto;

/// <summary>
/// Parses <c>SECRETS_ENCRYPTION_KEY</c>. Exactly 32 bytes are accepted, in three spellings: 64 hex
/// characters, base64 (standard or URL-safe, padding optional) of 32 bytes, or 32 bytes of raw
/// text (the reference's form). Anything else is rejected, never shortened or padded.
/// </summary>
internal static class EncryptionKey
{
    public const int Size = 32;

    public const string AcceptedForms =
        "use exactly 32 bytes written as 64 hex characters, as base64 (standard or URL-safe) of 32 bytes, " +
        "or as a raw 32-byte string; generate one with `openssl rand -hex 32`";

    public static bool TryParse(string? text, [NotNullWhen(true)] out byte[]? key)
    {
        key = null;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        if (text.Length == Size * 2 && IsHex(text))
        {
            key = Convert.FromHexString(text);
            return true;
        }

        if (TryDecodeBase64(text, out key))
        {
            return true;
        }

        var raw = Encoding.UTF8.GetBytes(text);
        if (raw.Length == Size)
        {
            key = raw;
            return true;
        }

        return false;
    }

    private static bool IsHex(string text) => text.All(char.IsAsciiHexDigit);

    /// <summary>Either base64 alphabet, with or without padding, decoding to exactly 32 bytes.</summary>
    private static bool TryDecodeBase64(string text, [NotNullWhen(true)] out byte[]? key)
    {
        // 32 bytes are 43 characters of base64, plus one '=' when padded.
        const int EncodedLength = 43;
        key = null;
        var unpadded = text.EndsWith('=') ? text[..^1] : text;
        if (unpadded.Length != EncodedLength || !unpadded.All(IsBase64Char))
        {
            return false;
        }

        // One alphabet is enough once '+' and '/' are spelled the URL-safe way.
        var urlSafe = unpadded.Replace('+', '-').Replace('/', '_');
        var buffer = new byte[Size];
        try
        {
            if (!Base64Url.TryDecodeFromChars(urlSafe, buffer, out var written) || written != Size)
            {
                return false;
            }
        }
        catch (FormatException)
        {
            return false;
        }

        key = buffer;
        return true;
    }

    private static bool IsBase64Char(char c) => char.IsAsciiLetterOrDigit(c) || c is '+' or '/' or '-' or '_';
}
