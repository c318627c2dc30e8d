using Microsoft.Extensions.Time.Testing;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Signing;
using Molecule.Testing;
using Molecule.Testing.Aws;

namespace Molecule.Tests.Aws;

/// <summary>
/// AWSSDK.Core's signer (what Molecule.Aws signs with) and our verifier (what the fakes check with)
/// agree, on the values protocols.md §2.3 and §5.3 recorded for the SDK.
/// </summary>
public sealed class SdkSignerCompatibilityTests
{
    private const string Key = "AKIDEXAMPLE";
    private const string Secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private static readonly DateTimeOffset SignedAt = new(2015, 8, 30, 12, 36, 0, TimeSpan.Zero);

    [Fact]
    public void The_sdk_header_signature_of_get_vanilla_verifies()
    {
        var request = new AWSSigningRequest { HttpMethod = HttpMethod.Get, RequestUri = new Uri("https://example.amazonaws.com/") };
        var signed = AWSSigV4Signer.Sign(request, Parameters(new BasicAWSCredentials(Key, Secret), "service"));

        signed.Headers["Authorization"].ShouldEndWith("Signature=726c5c4879a6b4ccbbd3b24edbd6b8826d34f87450fbbf4e85546fc7ba9c1642");
        var headers = signed.Headers.Append(new("Host", "example.amazonaws.com")).ToList();
        var verifier = new SigV4Verifier(new FakeTimeProvider(SignedAt));
        verifier.AddCredentials(Key, Secret);
        var verdict = verifier.VerifyHeaders("GET", "/", "", headers, [], "service", "us-east-1");
        verdict.IsValid.ShouldBeTrue(verdict.Message);
    }

    [Fact]
    public void The_sdk_presign_of_the_tunnel_url_is_the_recorded_vector_and_verifies()
    {
        const string token = "TOKEN/with+chars=";
        var request = new AWSSigningRequest
        {
            HttpMethod = HttpMethod.Get,
            RequestUri = new Uri("wss://eice-0123456789abcdef0.12345678.ec2-instance-connect-endpoint.us-east-1.amazonaws.com/openTunnel"
                + "?instanceConnectEndpointId=eice-0123456789abcdef0&remotePort=22&privateIpAddress=10.0.1.5&maxTunnelDuration=3600"),
        };

        var url = AWSSigV4Signer.Presign(request, Parameters(new SessionAWSCredentials(Key, Secret, token), "ec2-instance-connect"), TimeSpan.FromSeconds(60)).Uri;

        url.Query.ShouldContain("X-Amz-Signature=ea406226cc20d45ef74b645b50963e917960ba44b3018cbaca78c871cc52b89e");
        var verifier = new SigV4Verifier(new FakeTimeProvider(SignedAt.AddSeconds(10)));
        verifier.AddCredentials(Key, Secret, token);
        var verdict = verifier.VerifyPresignedUrl(url, "ec2-instance-connect", "us-east-1");
        verdict.IsValid.ShouldBeTrue(verdict.Message);
    }

    private static AWSSigV4Parameters Parameters(AWSCredentials credentials, string service) => new()
    {
        Credentials = credentials, Region = RegionEndpoint.USEast1, Service = service, SignedAt = SignedAt.UtcDateTime,
    };
}
