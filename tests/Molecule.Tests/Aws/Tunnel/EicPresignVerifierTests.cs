using Molecule.Testing.Aws.Tunnel;

namespace Molecule.Tests.Aws.Tunnel;

/// <summary>The tunnel fake's own verifier against the published presign vectors (protocols.md §2.2, §5.3).</summary>
public sealed class EicPresignVerifierTests
{
    private const string EicHost = "eice-0123456789abcdef0.12345678.ec2-instance-connect-endpoint.us-east-1.amazonaws.com";
    private const string EicCanonicalQuery =
        "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIDEXAMPLE%2F20150830%2Fus-east-1%2Fec2-instance-connect%2Faws4_request"
        + "&X-Amz-Date=20150830T123600Z&X-Amz-Expires=60&X-Amz-Security-Token=TOKEN%2Fwith%2Bchars%3D&X-Amz-SignedHeaders=host"
        + "&instanceConnectEndpointId=eice-0123456789abcdef0&maxTunnelDuration=3600&privateIpAddress=10.0.1.5&remotePort=22";
    private const string EicSignature = "ea406226cc20d45ef74b645b50963e917960ba44b3018cbaca78c871cc52b89e";

    private static readonly EicPresignCredentials EicKey = new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "TOKEN/with+chars=");
    private static readonly DateTimeOffset EicSignedAt = new(2015, 8, 30, 12, 36, 0, TimeSpan.Zero);
    private static readonly Dictionary<string, string> EicHeaders = new() { ["host"] = EicHost };

    private static EicPresignCheck VerifyEic(string pathAndQuery, DateTimeOffset now, string region = "us-east-1") =>
        EicPresignVerifier.Verify("GET", pathAndQuery, EicHeaders, EicKey, region, "ec2-instance-connect", now);

    [Fact]
    public void The_eic_vector_verifies()
    {
        VerifyEic($"/openTunnel?{EicCanonicalQuery}&X-Amz-Signature={EicSignature}", EicSignedAt.AddSeconds(30)).ShouldBe(EicPresignCheck.Ok);
    }

    [Fact]
    public void Parameter_order_on_the_wire_does_not_matter()
    {
        var shuffled = string.Join('&', $"{EicCanonicalQuery}&X-Amz-Signature={EicSignature}".Split('&').Reverse());

        VerifyEic($"/openTunnel?{shuffled}", EicSignedAt).ShouldBe(EicPresignCheck.Ok);
    }

    [Fact]
    public void A_changed_parameter_breaks_the_signature()
    {
        var tampered = EicCanonicalQuery.Replace("privateIpAddress=10.0.1.5", "privateIpAddress=10.0.1.6", StringComparison.Ordinal);

        VerifyEic($"/openTunnel?{tampered}&X-Amz-Signature={EicSignature}", EicSignedAt).Problem
            .ShouldBe("The request signature we calculated does not match the signature you provided");
    }

    [Fact]
    public void The_url_expires_after_its_60_seconds_and_scope_must_match()
    {
        var url = $"/openTunnel?{EicCanonicalQuery}&X-Amz-Signature={EicSignature}";

        VerifyEic(url, EicSignedAt.AddSeconds(61)).Problem.ShouldBe("Request has expired");
        VerifyEic(url, EicSignedAt, region: "eu-west-1").Problem!.ShouldStartWith("X-Amz-Credential must be");
    }

    [Fact]
    public void The_s3_presign_vector_verifies_with_the_unsigned_payload()
    {
        var key = new EicPresignCredentials("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", null);
        const string query = "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request"
            + "&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host"
            + "&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404";

        EicPresignVerifier.Verify(
                "GET", $"/test.txt?{query}", new Dictionary<string, string> { ["host"] = "examplebucket.s3.amazonaws.com" },
                key, "us-east-1", "s3", new DateTimeOffset(2013, 5, 24, 1, 0, 0, TimeSpan.Zero), payloadHash: "UNSIGNED-PAYLOAD")
            .ShouldBe(EicPresignCheck.Ok);
    }
}
