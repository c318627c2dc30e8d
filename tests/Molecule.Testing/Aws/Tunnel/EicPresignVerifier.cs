using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Molecule.Testing.Aws.Tunnel;

/// <summary>The key a fake endpoint accepts.</summary>
public sealed record EicPresignCredentials(string AccessKeyId, string SecretAccessKey, string? SessionToken);

/// <summary>The verdict on a presigned URL: valid, or the first thing wrong with it.</summary>
public sealed record EicPresignCheck(bool Valid, string? Problem)
{
    public static readonly EicPresignCheck Ok = new(true, null);

    public static EicPresignCheck Fail(string problem) => new(false, problem);
}

/// <summary>
/// A small SigV4 query-signature verifier of our own (protocols.md §2.1 step 5), written from the
/// algorithm rather than the SDK so the tunnel fake does not trust the code it checks. It
/// reproduces the presign vectors of protocols.md §2.2 and §5.3.
/// </summary>
public static class EicPresignVerifier
{
    public const string EmptyPayloadHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private const string Algorithm = "AWS4-HMAC-SHA256";
    private static readonly TimeSpan AllowedSkew = TimeSpan.FromMinutes(5);

    /// <param name="rawPathAndQuery">The request target exactly as received: <c>/openTunnel?…</c>.</param>
    /// <param name="headers">Request headers by lowercase name; at least <c>host</c>.</param>
    public static EicPresignCheck Verify(
        string method,
        string rawPathAndQuery,
        IReadOnlyDictionary<string, string> headers,
        EicPresignCredentials credentials,
        string region,
        string service,
        DateTimeOffset now,
        string payloadHash = EmptyPayloadHash)
    {
        var queryStart = rawPathAndQuery.IndexOf('?', StringComparison.Ordinal);
        var path = queryStart < 0 ? rawPathAndQuery : rawPathAndQuery[..queryStart];
        var query = ParseQuery(queryStart < 0 ? "" : rawPathAndQuery[(queryStart + 1)..]);

        string? Single(string name) => query.Where(p => p.Name == name).Select(p => p.Value).SingleOrDefault();

        if (Single("X-Amz-Algorithm") != Algorithm)
        {
            return EicPresignCheck.Fail("X-Amz-Algorithm must be AWS4-HMAC-SHA256");
        }

        if (Single("X-Amz-Signature") is not { Length: 64 } signature)
        {
            return EicPresignCheck.Fail("X-Amz-Signature is missing");
        }

        if (Single("X-Amz-Date") is not { } amzDate
            || !DateTimeOffset.TryParseExact(amzDate, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var signedAt))
        {
            return EicPresignCheck.Fail("X-Amz-Date is missing or malformed");
        }

        if (!int.TryParse(Single("X-Amz-Expires"), NumberStyles.None, CultureInfo.InvariantCulture, out var expires) || expires is < 1 or > 604800)
        {
            return EicPresignCheck.Fail("X-Amz-Expires must be 1..604800");
        }

        var scope = $"{amzDate[..8]}/{region}/{service}/aws4_request";
        if (Single("X-Amz-Credential") != $"{credentials.AccessKeyId}/{scope}")
        {
            return EicPresignCheck.Fail($"X-Amz-Credential must be {credentials.AccessKeyId}/{scope}");
        }

        if (credentials.SessionToken is not null && Single("X-Amz-Security-Token") != credentials.SessionToken)
        {
            return EicPresignCheck.Fail("X-Amz-Security-Token is missing or wrong");
        }

        if (now > signedAt.AddSeconds(expires))
        {
            return EicPresignCheck.Fail("Request has expired");
        }

        if (signedAt > now + AllowedSkew)
        {
            return EicPresignCheck.Fail("Signature not yet current");
        }

        var signedHeaders = Single("X-Amz-SignedHeaders") ?? "";
        var names = signedHeaders.Split(';');
        if (!names.Contains("host"))
        {
            return EicPresignCheck.Fail("X-Amz-SignedHeaders must include host");
        }

        var canonicalHeaders = new StringBuilder();
        foreach (var name in names)
        {
            if (!headers.TryGetValue(name, out var value))
            {
                return EicPresignCheck.Fail($"signed header {name} is not in the request");
            }

            canonicalHeaders.Append(name).Append(':').Append(CollapseSpaces(value)).Append('\n');
        }

        var canonicalQuery = string.Join('&', query
            .Where(p => p.Name != "X-Amz-Signature")
            .Select(p => (Name: Encode(p.Name), Value: Encode(p.Value)))
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => $"{p.Name}={p.Value}"));

        var canonicalRequest = string.Join('\n',
            method,
            CanonicalPath(path, service),
            canonicalQuery,
            canonicalHeaders.ToString(),
            signedHeaders,
            payloadHash);

        var expected = Sign(credentials.SecretAccessKey, amzDate, scope, region, service, canonicalRequest);
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(signature))
            ? EicPresignCheck.Ok
            : EicPresignCheck.Fail("The request signature we calculated does not match the signature you provided");
    }

    /// <summary>hex(SHA-256) of the canonical request, as the string to sign carries it (for vector tests).</summary>
    public static string HashHex(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static string Sign(string secret, string amzDate, string scope, string region, string service, string canonicalRequest)
    {
        var stringToSign = $"{Algorithm}\n{amzDate}\n{scope}\n{HashHex(canonicalRequest)}";
        var key = Hmac(Encoding.UTF8.GetBytes("AWS4" + secret), amzDate[..8]);
        key = Hmac(key, region);
        key = Hmac(key, service);
        key = Hmac(key, "aws4_request");
        return Convert.ToHexStringLower(Hmac(key, stringToSign));
    }

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));

    private static List<(string Name, string Value)> ParseQuery(string raw) =>
        raw.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair =>
            {
                var eq = pair.IndexOf('=', StringComparison.Ordinal);
                return eq < 0
                    ? (Uri.UnescapeDataString(pair), "")
                    : (Uri.UnescapeDataString(pair[..eq]), Uri.UnescapeDataString(pair[(eq + 1)..]));
            })
            .ToList();

    // Non-S3 services sign each path segment encoded once more than it is on the wire; S3 signs it as is.
    private static string CanonicalPath(string path, string service)
    {
        if (path.Length == 0)
        {
            return "/";
        }

        return service == "s3" ? path : string.Join('/', path.Split('/').Select(Encode));
    }

    private static string Encode(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (c is >= 'A' and <= 'Z' or >= 'a' and <= 'z' or >= '0' and <= '9' or '-' or '_' or '.' or '~')
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }

    private static string CollapseSpaces(string value) => string.Join(' ', value.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries));
}
