using System.Globalization;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Signing;
using Microsoft.Extensions.Options;

namespace Molecule.Aws.Tunnel;

/// <summary>
/// Builds and presigns the <c>openTunnel</c> WebSocket URL (protocols.md §5.2–§5.3) with AWSSDK.Core's
/// own SigV4 presigner: service <c>ec2-instance-connect</c>, 60 s validity, signed host only, the
/// empty body's hash (not UNSIGNED-PAYLOAD) because the URL is not https.
/// </summary>
/// <remarks>
/// Credentials are resolved on the first signature, so a host that never opens a tunnel starts
/// without AWS credentials.
/// </remarks>
internal sealed class EicTunnelUrlSigner(Lazy<AWSCredentials> credentials, IOptions<EicTunnelOptions> options, TimeProvider clock)
{
    public const string SigningService = "ec2-instance-connect";
    public static readonly TimeSpan Validity = TimeSpan.FromSeconds(60);

    private readonly EicTunnelOptions _options = options.Value;
    private readonly RegionEndpoint _region = RegionEndpoint.GetBySystemName(options.Value.Region);

    /// <summary>Signs for "now": call it right before connecting, the URL lives 60 s.</summary>
    public Task<Uri> PresignAsync(EicEndpoint endpoint, EicTunnelTarget target, CancellationToken cancellationToken) =>
        PresignAsync(endpoint, target, clock.GetUtcNow().UtcDateTime, cancellationToken);

    public async Task<Uri> PresignAsync(EicEndpoint endpoint, EicTunnelTarget target, DateTime signedAt, CancellationToken cancellationToken)
    {
        var request = new AWSSigningRequest { HttpMethod = HttpMethod.Get, RequestUri = UnsignedUri(endpoint, target) };
        var parameters = new AWSSigV4Parameters
        {
            Credentials = credentials.Value,
            Region = _region,
            Service = SigningService,
            SignedAt = DateTime.SpecifyKind(signedAt, DateTimeKind.Utc),
        };
        var result = await AWSSigV4Signer.PresignAsync(request, parameters, Validity, cancellationToken);
        return result.Uri;
    }

    internal Uri UnsignedUri(EicEndpoint endpoint, EicTunnelTarget target)
    {
        var baseUri = string.IsNullOrEmpty(_options.TunnelUrl) ? new Uri($"wss://{endpoint.DnsName}") : new Uri(_options.TunnelUrl);
        var query = string.Join('&',
            Pair("instanceConnectEndpointId", endpoint.Id),
            Pair("remotePort", target.RemotePort.ToString(CultureInfo.InvariantCulture)),
            Pair("privateIpAddress", target.PrivateIpAddress),
            Pair("maxTunnelDuration", _options.MaxTunnelSeconds.ToString(CultureInfo.InvariantCulture)));
        return new UriBuilder(baseUri) { Path = "/openTunnel", Query = query }.Uri;
    }

    private static string Pair(string name, string value) => $"{name}={Uri.EscapeDataString(value)}";
}
