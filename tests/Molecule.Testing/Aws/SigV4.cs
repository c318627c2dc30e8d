using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Molecule.Testing.Aws;

/// <summary>
/// AWS Signature Version 4 written from the published algorithm (protocols.md §2.1), on purpose
/// independent of AWSSDK.Core: the fakes check the SDK's signatures with it, so a signer bug
/// cannot hide behind a verifier that shares its code.
/// </summary>
public static class SigV4
{
    public const string Algorithm = "AWS4-HMAC-SHA256";
    public const string EmptyPayloadHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    public const string UnsignedPayload = "UNSIGNED-PAYLOAD";
    public const string DateFormat = "yyyyMMdd'T'HHmmss'Z'";

    public static string HexSha256(ReadOnlySpan<byte> data) => Convert.ToHexStringLower(SHA256.HashData(data));

    public static string HexSha256(string text) => HexSha256(Encoding.UTF8.GetBytes(text));

    /// <summary>RFC 3986 encoding as SigV4 wants it: only <c>A-Z a-z 0-9 - _ . ~</c> stay, hex is uppercase, space is <c>%20</c>.</summary>
    public static string UriEncode(string value)
    {
        var builder = new StringBuilder(value.Length + 8);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            if (b is (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'a' and <= (byte)'z') or (>= (byte)'0' and <= (byte)'9')
                or (byte)'-' or (byte)'_' or (byte)'.' or (byte)'~')
            {
                builder.Append((char)b);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }

    /// <summary>
    /// The canonical URI of a raw request path. Outside S3 every segment is encoded once more as it
    /// appears on the wire (so <c>%20</c> becomes <c>%2520</c>); S3 encodes the decoded path once.
    /// </summary>
    public static string CanonicalUri(string rawPath, bool isS3 = false)
    {
        if (string.IsNullOrEmpty(rawPath))
        {
            return "/";
        }

        var segments = rawPath.Split('/');
        return string.Join('/', segments.Select(s => UriEncode(isS3 ? Uri.UnescapeDataString(s) : s)));
    }

    /// <summary>The raw query (without <c>?</c>) decoded, re-encoded and sorted; <paramref name="exclude"/> names are left out.</summary>
    public static string CanonicalQuery(string rawQuery, params string[] exclude)
    {
        var pairs = ParseQuery(rawQuery)
            .Where(p => !exclude.Contains(p.Key, StringComparer.Ordinal))
            .Select(p => (Name: UriEncode(p.Key), Value: UriEncode(p.Value)))
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => $"{p.Name}={p.Value}");
        return string.Join('&', pairs);
    }

    /// <summary>Decodes <c>a=1&amp;b=%2F</c> into pairs (percent-decoding only: in a URL <c>+</c> is a plus).</summary>
    public static List<KeyValuePair<string, string>> ParseQuery(string rawQuery)
    {
        var result = new List<KeyValuePair<string, string>>();
        foreach (var part in rawQuery.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? part : part[..equals];
            var value = equals < 0 ? "" : part[(equals + 1)..];
            result.Add(new(Uri.UnescapeDataString(name), Uri.UnescapeDataString(value)));
        }

        return result;
    }

    /// <summary>
    /// The canonical headers block (each <c>name:value\n</c>) for the signed names, from every value
    /// the request carries for each (joined with commas, trimmed, inner whitespace runs collapsed).
    /// </summary>
    public static string CanonicalHeaders(IEnumerable<KeyValuePair<string, string>> headers, IReadOnlyList<string> signedHeaders)
    {
        var byName = headers
            .GroupBy(h => h.Key.ToLowerInvariant(), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => string.Join(',', g.Select(h => CollapseSpaces(h.Value))), StringComparer.Ordinal);
        var builder = new StringBuilder();
        foreach (var name in signedHeaders)
        {
            builder.Append(name).Append(':').Append(byName.GetValueOrDefault(name, "")).Append('\n');
        }

        return builder.ToString();
    }

    public static string CanonicalRequest(
        string method, string canonicalUri, string canonicalQuery, string canonicalHeaders, string signedHeaders, string payloadHash) =>
        $"{method}\n{canonicalUri}\n{canonicalQuery}\n{canonicalHeaders}\n{signedHeaders}\n{payloadHash}";

    public static string Scope(string date, string region, string service) => $"{date}/{region}/{service}/aws4_request";

    public static string StringToSign(string amzDate, string scope, string canonicalRequest) =>
        $"{Algorithm}\n{amzDate}\n{scope}\n{HexSha256(canonicalRequest)}";

    public static byte[] SigningKey(string secretAccessKey, string date, string region, string service)
    {
        var key = Hmac(Encoding.UTF8.GetBytes("AWS4" + secretAccessKey), date);
        key = Hmac(key, region);
        key = Hmac(key, service);
        return Hmac(key, "aws4_request");
    }

    public static string Signature(byte[] signingKey, string stringToSign) => Convert.ToHexStringLower(Hmac(signingKey, stringToSign));

    public static bool TryParseDate(string? amzDate, out DateTimeOffset value) =>
        DateTimeOffset.TryParseExact(amzDate, DateFormat, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value);

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));

    private static string CollapseSpaces(string value)
    {
        var builder = new StringBuilder(value.Length);
        var previousSpace = false;
        foreach (var c in value.Trim())
        {
            var space = c is ' ' or '\t';
            if (!space || !previousSpace)
            {
                builder.Append(space ? ' ' : c);
            }

            previousSpace = space;
        }

        return builder.ToString();
    }
}
