using Microsoft.Extensions.Time.Testing;
using Molecule.Testing;
using Molecule.Testing.Aws;

namespace Molecule.Tests.Aws;

/// <summary>Our own SigV4 (the fakes' verifier) against the published vectors of protocols.md §2.2 and §5.3.</summary>
public sealed class SigV4VerifierTests
{
    private const string SuiteKey = "AKIDEXAMPLE";
    private const string SuiteSecret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private const string SuiteToken = "6e86291e8372ff2a2260956d9b8aae1d763fbf315fa00fa31553b73ebf194267";
    private static readonly DateTimeOffset SuiteTime = new(2015, 8, 30, 12, 36, 0, TimeSpan.Zero);

    [Fact]
    public void Signing_key_matches_the_published_one()
    {
        Convert.ToHexStringLower(SigV4.SigningKey(SuiteSecret, "20150830", "us-east-1", "service"))
            .ShouldBe("938127b5336810ddb6a5d6af445fcac9e371f9ed418ed386b022aed82901be75");
    }

    [Fact]
    public void Get_vanilla_verifies_and_its_canonical_request_hashes_as_published()
    {
        var verdict = Verifier().VerifyHeaders("GET", "/", "", GetVanillaHeaders("5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"), [], "service", "us-east-1");

        verdict.IsValid.ShouldBeTrue(verdict.Message);
        SigV4.HexSha256(verdict.CanonicalRequest!).ShouldBe("bb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63");
    }

    [Fact]
    public void Post_form_body_verifies_with_the_published_signature()
    {
        var headers = new List<KeyValuePair<string, string>>
        {
            new("Host", "example.amazonaws.com"),
            new("Content-Type", "application/x-www-form-urlencoded"),
            new("X-Amz-Date", "20150830T123600Z"),
            new("Authorization", $"AWS4-HMAC-SHA256 Credential={SuiteKey}/20150830/us-east-1/service/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a"),
        };

        var verdict = Verifier().VerifyHeaders("POST", "/", "", headers, "Param1=value1"u8, "service", "us-east-1");

        verdict.IsValid.ShouldBeTrue(verdict.Message);
        verdict.CanonicalRequest!.ShouldEndWith("9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e");
        SigV4.HexSha256(verdict.CanonicalRequest!).ShouldBe("42a5e5bb34198acb3e84da4f085bb7927f2bc277ca766e6d19c73c2154021281");
    }

    [Fact]
    public void Session_token_vector_verifies_and_a_missing_token_is_refused()
    {
        var verifier = new SigV4Verifier(new FakeTimeProvider(SuiteTime));
        verifier.AddCredentials(SuiteKey, SuiteSecret, SuiteToken);
        var headers = new List<KeyValuePair<string, string>>
        {
            new("Host", "example.amazonaws.com"),
            new("X-Amz-Date", "20150830T123600Z"),
            new("X-Amz-Security-Token", SuiteToken),
            new("Authorization", $"AWS4-HMAC-SHA256 Credential={SuiteKey}/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date;x-amz-security-token, Signature=07ec1639c89043aa0e3e2de82b96708f198cceab042d4a97044c66dd9f74e7f8"),
        };

        var verdict = verifier.VerifyHeaders("GET", "/", "", headers, [], "service", "us-east-1");
        verdict.IsValid.ShouldBeTrue(verdict.Message);
        SigV4.HexSha256(verdict.CanonicalRequest!).ShouldBe("067b36aa60031588cea4a4cde1f21215227a047690c72247f1d70b32fbbfad2b");

        var withoutToken = verifier.VerifyHeaders("GET", "/", "", GetVanillaHeaders("5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"), [], "service", "us-east-1");
        withoutToken.Failure.ShouldBe(SigV4Failure.InvalidSessionToken);
    }

    [Fact]
    public void A_changed_body_header_or_secret_is_a_signature_mismatch()
    {
        var good = "ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a";
        List<KeyValuePair<string, string>> Headers(string host) =>
        [
            new("Host", host),
            new("Content-Type", "application/x-www-form-urlencoded"),
            new("X-Amz-Date", "20150830T123600Z"),
            new("Authorization", $"AWS4-HMAC-SHA256 Credential={SuiteKey}/20150830/us-east-1/service/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature={good}"),
        ];

        Verifier().VerifyHeaders("POST", "/", "", Headers("example.amazonaws.com"), "Param1=value2"u8, "service", "us-east-1")
            .Failure.ShouldBe(SigV4Failure.SignatureMismatch);
        Verifier().VerifyHeaders("POST", "/", "", Headers("other.amazonaws.com"), "Param1=value1"u8, "service", "us-east-1")
            .Failure.ShouldBe(SigV4Failure.SignatureMismatch);

        var wrongSecret = new SigV4Verifier(new FakeTimeProvider(SuiteTime));
        wrongSecret.AddCredentials(SuiteKey, SuiteSecret + "x");
        wrongSecret.VerifyHeaders("POST", "/", "", Headers("example.amazonaws.com"), "Param1=value1"u8, "service", "us-east-1")
            .Failure.ShouldBe(SigV4Failure.SignatureMismatch);
    }

    [Fact]
    public void Unknown_key_wrong_scope_skew_and_missing_auth_are_told_apart()
    {
        var headers = GetVanillaHeaders("5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");

        new SigV4Verifier(new FakeTimeProvider(SuiteTime)).VerifyHeaders("GET", "/", "", headers, [], "service", "us-east-1")
            .Failure.ShouldBe(SigV4Failure.UnknownAccessKey);
        Verifier().VerifyHeaders("GET", "/", "", headers, [], "ec2", "us-east-1").Failure.ShouldBe(SigV4Failure.WrongScope);
        Verifier().VerifyHeaders("GET", "/", "", headers, [], "service", "eu-west-1").Failure.ShouldBe(SigV4Failure.WrongScope);
        Verifier(SuiteTime.AddMinutes(6)).VerifyHeaders("GET", "/", "", headers, [], "service", "us-east-1").Failure.ShouldBe(SigV4Failure.Expired);
        Verifier().VerifyHeaders("GET", "/", "", [new("Host", "example.amazonaws.com")], [], "service", "us-east-1")
            .Failure.ShouldBe(SigV4Failure.Missing);
    }

    [Fact]
    public void The_s3_presign_vector_verifies_and_expires_after_its_window()
    {
        var start = new DateTimeOffset(2013, 5, 24, 0, 0, 0, TimeSpan.Zero);
        var clock = new FakeTimeProvider(start.AddHours(1));
        var verifier = new SigV4Verifier(clock);
        verifier.AddCredentials("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
        var url = new Uri("https://examplebucket.s3.amazonaws.com/test.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256"
            + "&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z"
            + "&X-Amz-Expires=86400&X-Amz-SignedHeaders=host&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404");

        var verdict = verifier.VerifyPresignedUrl(url, "s3", "us-east-1");
        verdict.IsValid.ShouldBeTrue(verdict.Message);
        SigV4.HexSha256(verdict.CanonicalRequest!).ShouldBe("3bfa292879f6447bbcda7001decf97f4a54dc650c8942174ae0a9121cf58ad04");

        clock.Advance(TimeSpan.FromDays(1));
        verifier.VerifyPresignedUrl(url, "s3", "us-east-1").Failure.ShouldBe(SigV4Failure.Expired);
    }

    [Fact]
    public void The_instance_connect_tunnel_presign_vector_verifies_with_its_session_token()
    {
        const string token = "TOKEN/with+chars=";
        var clock = new FakeTimeProvider(SuiteTime.AddSeconds(30));
        var verifier = new SigV4Verifier(clock);
        verifier.AddCredentials(SuiteKey, SuiteSecret, token);
        const string host = "eice-0123456789abcdef0.12345678.ec2-instance-connect-endpoint.us-east-1.amazonaws.com";
        const string canonicalQuery = "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIDEXAMPLE%2F20150830%2Fus-east-1%2Fec2-instance-connect%2Faws4_request"
            + "&X-Amz-Date=20150830T123600Z&X-Amz-Expires=60&X-Amz-Security-Token=TOKEN%2Fwith%2Bchars%3D&X-Amz-SignedHeaders=host"
            + "&instanceConnectEndpointId=eice-0123456789abcdef0&maxTunnelDuration=3600&privateIpAddress=10.0.1.5&remotePort=22";
        // The order on the wire differs from the canonical one on purpose: only the sorted form is signed.
        var url = new Uri($"wss://{host}/openTunnel?instanceConnectEndpointId=eice-0123456789abcdef0&remotePort=22&privateIpAddress=10.0.1.5"
            + "&maxTunnelDuration=3600&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIDEXAMPLE%2F20150830%2Fus-east-1%2Fec2-instance-connect%2Faws4_request"
            + "&X-Amz-Date=20150830T123600Z&X-Amz-Expires=60&X-Amz-Security-Token=TOKEN%2Fwith%2Bchars%3D&X-Amz-SignedHeaders=host"
            + "&X-Amz-Signature=ea406226cc20d45ef74b645b50963e917960ba44b3018cbaca78c871cc52b89e");

        SigV4.CanonicalQuery(url.Query.TrimStart('?'), "X-Amz-Signature").ShouldBe(canonicalQuery);
        var verdict = verifier.VerifyPresignedUrl(url, "ec2-instance-connect", "us-east-1");
        verdict.IsValid.ShouldBeTrue(verdict.Message);

        verifier.VerifyPresignedUrl(new Uri(url.AbsoluteUri.Replace("remotePort=22", "remotePort=23", StringComparison.Ordinal)), "ec2-instance-connect")
            .Failure.ShouldBe(SigV4Failure.SignatureMismatch);
        clock.Advance(TimeSpan.FromSeconds(31));
        verifier.VerifyPresignedUrl(url, "ec2-instance-connect").Failure.ShouldBe(SigV4Failure.Expired);
    }

    [Fact]
    public void The_tunnel_presign_vector_checked_from_the_raw_request_target_keeps_order_scope_and_expiry_rules()
    {
        // The fake tunnel endpoint verifies the target exactly as Kestrel received it (protocols.md §5.3).
        const string host = "eice-0123456789abcdef0.12345678.ec2-instance-connect-endpoint.us-east-1.amazonaws.com";
        const string canonicalQuery = "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIDEXAMPLE%2F20150830%2Fus-east-1%2Fec2-instance-connect%2Faws4_request"
            + "&X-Amz-Date=20150830T123600Z&X-Amz-Expires=60&X-Amz-Security-Token=TOKEN%2Fwith%2Bchars%3D&X-Amz-SignedHeaders=host"
            + "&instanceConnectEndpointId=eice-0123456789abcdef0&maxTunnelDuration=3600&privateIpAddress=10.0.1.5&remotePort=22";
        const string signature = "X-Amz-Signature=ea406226cc20d45ef74b645b50963e917960ba44b3018cbaca78c871cc52b89e";
        var verifier = new SigV4Verifier(new FakeTimeProvider(SuiteTime));
        verifier.AddCredentials(SuiteKey, SuiteSecret, "TOKEN/with+chars=");
        SigV4Verdict Verify(string query, string region = "us-east-1") =>
            verifier.VerifyPresignedTarget("GET", host, $"/openTunnel?{query}", "ec2-instance-connect", region);

        var reversed = string.Join('&', $"{canonicalQuery}&{signature}".Split('&').Reverse());
        var verdict = Verify(reversed);
        verdict.IsValid.ShouldBeTrue(verdict.Message);
        Verify($"{canonicalQuery}&{signature}").IsValid.ShouldBeTrue();

        var tampered = canonicalQuery.Replace("privateIpAddress=10.0.1.5", "privateIpAddress=10.0.1.6", StringComparison.Ordinal);
        Verify($"{tampered}&{signature}").Failure.ShouldBe(SigV4Failure.SignatureMismatch);
        Verify($"{canonicalQuery}&{signature}", region: "eu-west-1").Failure.ShouldBe(SigV4Failure.WrongScope);

        // The clock can be swapped after construction, as the tunnel fake does to expire its URLs.
        verifier.Clock = new FakeTimeProvider(SuiteTime.AddSeconds(61));
        Verify($"{canonicalQuery}&{signature}").Failure.ShouldBe(SigV4Failure.Expired);
    }

    [Fact]
    public void Canonical_pieces_follow_the_rules_of_section_2_1()
    {
        SigV4.UriEncode("a b+c/~").ShouldBe("a%20b%2Bc%2F~");
        SigV4.CanonicalQuery("b=2&a=2&a=1&c").ShouldBe("a=1&a=2&b=2&c=");
        SigV4.CanonicalUri("").ShouldBe("/");
        SigV4.CanonicalUri("/a%20b/c").ShouldBe("/a%2520b/c");
        SigV4.CanonicalUri("/a%20b/c", isS3: true).ShouldBe("/a%20b/c");
        SigV4.CanonicalHeaders([new("My-Header", "  a   b  "), new("my-header", "c"), new("Host", "h")], ["host", "my-header"])
            .ShouldBe("host:h\nmy-header:a b,c\n");
    }

    private static SigV4Verifier Verifier(DateTimeOffset? now = null)
    {
        var verifier = new SigV4Verifier(new FakeTimeProvider(now ?? SuiteTime));
        verifier.AddCredentials(SuiteKey, SuiteSecret);
        return verifier;
    }

    private static List<KeyValuePair<string, string>> GetVanillaHeaders(string signature) =>
    [
        new("Host", "example.amazonaws.com"),
        new("X-Amz-Date", "20150830T123600Z"),
        new("Authorization", $"AWS4-HMAC-SHA256 Credential={SuiteKey}/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature={signature}"),
    ];
}
