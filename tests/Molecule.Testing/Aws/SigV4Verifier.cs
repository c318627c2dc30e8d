using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Molecule.Testing.Aws;

/// <summary>Why a request's signature was refused (each fake maps it to its protocol's error code).</summary>
public enum SigV4Failure
{
    None,
    /// <summary>No Authorization header and no presigned query.</summary>
    Missing,
    /// <summary>An Authorization header or presigned query that does not parse.</summary>
    Malformed,
    UnknownAccessKey,
    /// <summary>The key has a session token and the request's is absent, different or unsigned.</summary>
    InvalidSessionToken,
    /// <summary>The credential scope names another date, region or service.</summary>
    WrongScope,
    /// <summary>Signed too far from now, or a presigned URL past its expiry.</summary>
    Expired,
    SignatureMismatch,
}

/// <summary>The outcome of one verification; <see cref="CanonicalRequest"/> helps a failing test say why.</summary>
public sealed record SigV4Verdict(SigV4Failure Failure, string Message, string? AccessKeyId = null, string? CanonicalRequest = null)
{
    public bool IsValid => Failure == SigV4Failure.None;

    public static SigV4Verdict Valid(string accessKeyId, string canonicalRequest) => new(SigV4Failure.None, "", accessKeyId, canonicalRequest);
}

/// <summary>
/// Checks SigV4 header auth and presigned query auth against the credentials the test registered,
/// with our own <see cref="SigV4"/> implementation. Every fake AWS endpoint runs every request through it.
/// </summary>
public sealed class SigV4Verifier(TimeProvider? clock = null)
{
    private readonly ConcurrentDictionary<string, (string Secret, string? SessionToken)> _credentials = new(StringComparer.Ordinal);

    /// <summary>
    /// The clock signatures are checked against. Settable so a fake can be moved in time after it
    /// started (the tunnel endpoint's expired-URL test).
    /// </summary>
    public TimeProvider Clock { get; set; } = clock ?? TimeProvider.System;

    /// <summary>How far a header-signed request's X-Amz-Date may be from now (AWS allows about 5 minutes).</summary>
    public TimeSpan MaxClockSkew { get; set; } = TimeSpan.FromMinutes(5);

    public void AddCredentials(string accessKeyId, string secretAccessKey, string? sessionToken = null) =>
        _credentials[accessKeyId] = (secretAccessKey, sessionToken);

    /// <summary>
    /// Verifies an <c>Authorization: AWS4-HMAC-SHA256 …</c> request. <paramref name="region"/> null
    /// accepts any region in the scope. The payload hash is always recomputed from <paramref name="body"/>
    /// (a signed <c>x-amz-content-sha256</c> must match it).
    /// </summary>
    public SigV4Verdict VerifyHeaders(
        string method, string rawPath, string rawQuery, IReadOnlyList<KeyValuePair<string, string>> headers, ReadOnlySpan<byte> body,
        string service, string? region)
    {
        var authorization = HeaderValue(headers, "authorization");
        if (authorization is null)
        {
            return Fail(SigV4Failure.Missing, "Request is missing Authentication Token");
        }

        if (!TryParseAuthorization(authorization, out var credential, out var signedHeaders, out var signature))
        {
            return Fail(SigV4Failure.Malformed, $"Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' with {SigV4.Algorithm}");
        }

        var amzDate = HeaderValue(headers, "x-amz-date");
        if (!SigV4.TryParseDate(amzDate, out var signedAt))
        {
            return Fail(SigV4Failure.Malformed, "X-Amz-Date is missing or not yyyyMMddTHHmmssZ");
        }

        if ((Clock.GetUtcNow() - signedAt).Duration() > MaxClockSkew)
        {
            return Fail(SigV4Failure.Expired, $"Signature expired: {amzDate} is too far from now");
        }

        if (!signedHeaders.Contains("host"))
        {
            return Fail(SigV4Failure.Malformed, "'Host' must be a signed header");
        }

        var payloadHash = SigV4.HexSha256(body);
        var declaredHash = HeaderValue(headers, "x-amz-content-sha256");
        if (declaredHash is not null && declaredHash != payloadHash)
        {
            return Fail(SigV4Failure.SignatureMismatch, "The provided 'x-amz-content-sha256' header does not match what was computed");
        }

        var scopeAndKey = CheckCredential(credential, amzDate!, service, region, HeaderValue(headers, "x-amz-security-token"),
            signedHeaders.Contains("x-amz-security-token"));
        if (scopeAndKey.Failure is { } refused)
        {
            return refused;
        }

        var canonical = SigV4.CanonicalRequest(
            method.ToUpperInvariant(), SigV4.CanonicalUri(rawPath, service == "s3"), SigV4.CanonicalQuery(rawQuery),
            SigV4.CanonicalHeaders(headers, signedHeaders), string.Join(';', signedHeaders), payloadHash);
        return Compare(canonical, amzDate!, scopeAndKey, signature);
    }

    /// <summary>
    /// Verifies a presigned URL (<c>X-Amz-Algorithm</c> … <c>X-Amz-Signature</c> in the query), as the
    /// Instance Connect tunnel's <c>wss://…/openTunnel?…</c>. The payload hash is <c>UNSIGNED-PAYLOAD</c>
    /// for S3 and the empty body's SHA-256 otherwise (what botocore and AWSSDK.Core sign for non-https
    /// URLs). <paramref name="headers"/> supplies the signed headers' values; <c>host</c> defaults to
    /// <paramref name="host"/>.
    /// </summary>
    public SigV4Verdict VerifyPresigned(
        string method, string host, string rawPath, string rawQuery, string service, string? region,
        IReadOnlyList<KeyValuePair<string, string>>? headers = null)
    {
        var query = SigV4.ParseQuery(rawQuery).GroupBy(p => p.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Value, StringComparer.Ordinal);
        if (!query.ContainsKey("X-Amz-Signature") && !query.ContainsKey("X-Amz-Credential"))
        {
            return Fail(SigV4Failure.Missing, "Request is missing Authentication Token");
        }

        if (query.GetValueOrDefault("X-Amz-Algorithm") != SigV4.Algorithm
            || !query.TryGetValue("X-Amz-Credential", out var credential)
            || !query.TryGetValue("X-Amz-SignedHeaders", out var signedList)
            || !query.TryGetValue("X-Amz-Signature", out var signature)
            || !query.TryGetValue("X-Amz-Expires", out var expiresText)
            || !int.TryParse(expiresText, out var expires) || expires is < 1 or > 604_800
            || !query.TryGetValue("X-Amz-Date", out var amzDate) || !SigV4.TryParseDate(amzDate, out var signedAt))
        {
            return Fail(SigV4Failure.Malformed, "the presigned query needs X-Amz-Algorithm, -Credential, -Date, -Expires (1..604800), -SignedHeaders and -Signature");
        }

        var now = Clock.GetUtcNow();
        if (now < signedAt - MaxClockSkew || now > signedAt.AddSeconds(expires))
        {
            return Fail(SigV4Failure.Expired, $"Request has expired: signed {amzDate} for {expires} s");
        }

        var signedHeaders = signedList.Split(';').ToList();
        if (!signedHeaders.Contains("host"))
        {
            return Fail(SigV4Failure.Malformed, "'Host' must be a signed header");
        }

        var scopeAndKey = CheckCredential(credential, amzDate, service, region, query.GetValueOrDefault("X-Amz-Security-Token"), tokenSigned: true);
        if (scopeAndKey.Failure is { } refused)
        {
            return refused;
        }

        var headerValues = (headers ?? []).Where(h => !h.Key.Equals("host", StringComparison.OrdinalIgnoreCase)).ToList();
        headerValues.Add(new("host", host));
        var canonical = SigV4.CanonicalRequest(
            method.ToUpperInvariant(), SigV4.CanonicalUri(rawPath, service == "s3"), SigV4.CanonicalQuery(rawQuery, "X-Amz-Signature"),
            SigV4.CanonicalHeaders(headerValues, signedHeaders), signedList, service == "s3" ? SigV4.UnsignedPayload : SigV4.EmptyPayloadHash);
        return Compare(canonical, amzDate, scopeAndKey, signature);
    }

    /// <summary>
    /// Verifies a presigned request from its target exactly as received (<c>/openTunnel?…</c>), so
    /// the query is checked in the encoding and order the client put on the wire.
    /// </summary>
    public SigV4Verdict VerifyPresignedTarget(
        string method, string host, string rawTarget, string service, string? region,
        IReadOnlyList<KeyValuePair<string, string>>? headers = null)
    {
        var (rawPath, rawQuery) = SplitTarget(rawTarget);
        return VerifyPresigned(method, host, rawPath, rawQuery, service, region, headers);
    }

    /// <summary>Verifies a presigned absolute URL such as <c>wss://host/openTunnel?…</c>.</summary>
    public SigV4Verdict VerifyPresignedUrl(Uri url, string service, string? region = null) =>
        VerifyPresigned("GET", url.IsDefaultPort ? url.Host : $"{url.Host}:{url.Port}", url.AbsolutePath, url.Query.TrimStart('?'), service, region);

    /// <summary>
    /// Verifies an incoming ASP.NET Core request — header auth, or presigned query auth when the query
    /// carries <c>X-Amz-Signature</c> — reading the raw target and the whole body. Returns the body too.
    /// </summary>
    public async Task<(SigV4Verdict Verdict, byte[] Body)> VerifyAsync(HttpRequest request, string service, string? region)
    {
        var rawTarget = request.HttpContext.Features.Get<IHttpRequestFeature>()?.RawTarget ?? $"{request.Path}{request.QueryString}";
        var (rawPath, rawQuery) = SplitTarget(rawTarget);
        var headers = request.Headers.SelectMany(h => h.Value.Select(v => new KeyValuePair<string, string>(h.Key, v ?? ""))).ToList();

        // A presigned request (the tunnel's WebSocket upgrade) signs no body, and reading the body of an
        // upgrade request would wait for the upgraded stream: leave it alone.
        if (rawQuery.Contains("X-Amz-Signature=", StringComparison.Ordinal) && !request.Headers.ContainsKey("Authorization"))
        {
            return (VerifyPresigned(request.Method, request.Host.Value ?? "", rawPath, rawQuery, service, region, headers), []);
        }

        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted);
        var body = buffer.ToArray();
        return (VerifyHeaders(request.Method, rawPath, rawQuery, headers, body, service, region), body);
    }

    private (SigV4Verdict? Failure, string AccessKeyId, string Scope, byte[] SigningKey) CheckCredential(
        string credential, string amzDate, string service, string? region, string? sessionToken, bool tokenSigned)
    {
        var parts = credential.Split('/');
        if (parts.Length != 5 || parts[4] != "aws4_request")
        {
            return (Fail(SigV4Failure.Malformed, $"Credential should be scoped to a valid region: '{credential}' is not <key>/<date>/<region>/<service>/aws4_request"), "", "", []);
        }

        var (accessKey, date, scopeRegion, scopeService) = (parts[0], parts[1], parts[2], parts[3]);
        if (!_credentials.TryGetValue(accessKey, out var known))
        {
            return (Fail(SigV4Failure.UnknownAccessKey, "The security token included in the request is invalid."), "", "", []);
        }

        if (date != amzDate[..8] || scopeService != service || (region is not null && scopeRegion != region))
        {
            return (Fail(SigV4Failure.WrongScope,
                $"Credential should be scoped to {amzDate[..8]}/{region ?? scopeRegion}/{service}, not {date}/{scopeRegion}/{scopeService}"), "", "", []);
        }

        if (known.SessionToken is not null && (sessionToken != known.SessionToken || !tokenSigned))
        {
            return (Fail(SigV4Failure.InvalidSessionToken, "The security token included in the request is invalid."), "", "", []);
        }

        return (null, accessKey, SigV4.Scope(date, scopeRegion, scopeService), SigV4.SigningKey(known.Secret, date, scopeRegion, scopeService));
    }

    private static SigV4Verdict Compare(string canonical, string amzDate, (SigV4Verdict? Failure, string AccessKeyId, string Scope, byte[] SigningKey) key, string signature)
    {
        var expected = SigV4.Signature(key.SigningKey, SigV4.StringToSign(amzDate, key.Scope, canonical));
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(signature.ToLowerInvariant()))
            ? SigV4Verdict.Valid(key.AccessKeyId, canonical)
            : new SigV4Verdict(SigV4Failure.SignatureMismatch,
                "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.",
                key.AccessKeyId, canonical);
    }

    private static bool TryParseAuthorization(string header, out string credential, out List<string> signedHeaders, out string signature)
    {
        credential = signature = "";
        signedHeaders = [];
        if (!header.StartsWith(SigV4.Algorithm + " ", StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var part in header[(SigV4.Algorithm.Length + 1)..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                return false;
            }

            var value = part[(equals + 1)..];
            switch (part[..equals])
            {
                case "Credential": credential = value; break;
                case "SignedHeaders": signedHeaders = [.. value.Split(';')]; break;
                case "Signature": signature = value; break;
                default: return false;
            }
        }

        return credential.Length > 0 && signedHeaders.Count > 0 && signature.Length > 0;
    }

    private static (string RawPath, string RawQuery) SplitTarget(string rawTarget)
    {
        var questionMark = rawTarget.IndexOf('?', StringComparison.Ordinal);
        return questionMark < 0 ? (rawTarget, "") : (rawTarget[..questionMark], rawTarget[(questionMark + 1)..]);
    }

    private static string? HeaderValue(IReadOnlyList<KeyValuePair<string, string>> headers, string name)
    {
        var values = headers.Where(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).ToList();
        return values.Count == 0 ? null : string.Join(',', values);
    }

    private static SigV4Verdict Fail(SigV4Failure failure, string message) => new(failure, message);
}
