using Amazon.Runtime;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Molecule.Aws.Tunnel;
using Molecule.Testing.Aws;
using Molecule.Testing.Aws.Tunnel;

namespace Molecule.Tests.Aws.Tunnel;

/// <summary>The presigned openTunnel URL against protocols.md §5.3's cross-check vector.</summary>
public sealed class EicTunnelUrlSignerTests
{
    private const string Host = "eice-0123456789abcdef0.12345678.ec2-instance-connect-endpoint.us-east-1.amazonaws.com";
    private static readonly DateTime VectorTime = new(2015, 8, 30, 12, 36, 0, DateTimeKind.Utc);
    private static readonly EicPresignCredentials VectorKey = new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "TOKEN/with+chars=");
    private static readonly EicEndpoint Endpoint = new("eice-0123456789abcdef0", Host, "vpc-1", "subnet-1");
    private static readonly EicTunnelTarget Target = new("i-1", "vpc-1", "subnet-1", "10.0.1.5");

    private static EicTunnelUrlSigner Signer(string? tunnelUrl = null) => new(
        new Lazy<AWSCredentials>(new SessionAWSCredentials(VectorKey.AccessKeyId, VectorKey.SecretAccessKey, VectorKey.SessionToken)),
        Options.Create(new EicTunnelOptions { Region = "us-east-1", TunnelUrl = tunnelUrl }),
        TimeProvider.System);

    [Fact]
    public async Task The_sdk_presign_reproduces_the_vector_signature_and_the_cli_url_shape()
    {
        var uri = await Signer().PresignAsync(Endpoint, Target, VectorTime, CancellationToken.None);

        uri.Scheme.ShouldBe("wss");
        uri.Host.ShouldBe(Host);
        uri.IsDefaultPort.ShouldBeTrue();
        uri.AbsolutePath.ShouldBe("/openTunnel");
        var query = QueryHelpers.ParseQuery(uri.Query);
        query["X-Amz-Signature"].ToString().ShouldBe("ea406226cc20d45ef74b645b50963e917960ba44b3018cbaca78c871cc52b89e");
        query["X-Amz-Algorithm"].ToString().ShouldBe("AWS4-HMAC-SHA256");
        query["X-Amz-Credential"].ToString().ShouldBe("AKIDEXAMPLE/20150830/us-east-1/ec2-instance-connect/aws4_request");
        query["X-Amz-Date"].ToString().ShouldBe("20150830T123600Z");
        query["X-Amz-Expires"].ToString().ShouldBe("60");
        query["X-Amz-SignedHeaders"].ToString().ShouldBe("host");
        query["X-Amz-Security-Token"].ToString().ShouldBe("TOKEN/with+chars=");
        query["instanceConnectEndpointId"].ToString().ShouldBe("eice-0123456789abcdef0");
        query["remotePort"].ToString().ShouldBe("22");
        query["privateIpAddress"].ToString().ShouldBe("10.0.1.5");
        query["maxTunnelDuration"].ToString().ShouldBe("3600");
    }

    [Fact]
    public async Task Our_own_verifier_accepts_the_sdk_url_within_60_seconds_and_refuses_it_after()
    {
        var uri = await Signer().PresignAsync(Endpoint, Target, VectorTime, CancellationToken.None);
        var clock = new FakeTimeProvider(new DateTimeOffset(VectorTime).AddSeconds(59));
        var verifier = Verifier(clock);

        var verdict = verifier.VerifyPresignedTarget("GET", Host, uri.PathAndQuery, "ec2-instance-connect", "us-east-1");
        verdict.IsValid.ShouldBeTrue(verdict.Message);
        clock.Advance(TimeSpan.FromSeconds(2));
        verifier.VerifyPresignedTarget("GET", Host, uri.PathAndQuery, "ec2-instance-connect", "us-east-1")
            .Failure.ShouldBe(SigV4Failure.Expired);
    }

    [Fact]
    public async Task An_overridden_tunnel_url_keeps_its_scheme_and_port_and_is_signed_for_that_host()
    {
        var uri = await Signer("ws://127.0.0.1:5555").PresignAsync(Endpoint, Target, VectorTime, CancellationToken.None);

        uri.GetLeftPart(UriPartial.Path).ShouldBe("ws://127.0.0.1:5555/openTunnel");
        var verdict = Verifier(new FakeTimeProvider(new DateTimeOffset(VectorTime)))
            .VerifyPresignedTarget("GET", "127.0.0.1:5555", uri.PathAndQuery, "ec2-instance-connect", "us-east-1");
        verdict.IsValid.ShouldBeTrue(verdict.Message);
    }

    private static SigV4Verifier Verifier(TimeProvider clock)
    {
        var verifier = new SigV4Verifier(clock);
        verifier.AddCredentials(VectorKey.AccessKeyId, VectorKey.SecretAccessKey, VectorKey.SessionToken);
        return verifier;
    }
}
