using Microsoft.Extensions.Configuration;

namespace Molecule.Aws.Tunnel;

/// <summary>
/// Instance Connect tunnel settings, read from the environment. The limits default to what the
/// endpoint itself enforces (connect-using-eice.html): 20 connections, one hour each.
/// </summary>
internal sealed class EicTunnelOptions
{
    /// <summary>Signing region of the endpoint (the region the workspaces run in).</summary>
    [ConfigurationKeyName("AWS_REGION")]
    public string Region { get; set; } = "us-east-1";

    /// <summary>A fixed endpoint (<c>eice-…</c>); unset, the endpoint is looked up by subnet/VPC.</summary>
    [ConfigurationKeyName("EIC_ENDPOINT_ID")]
    public string? EndpointId { get; set; }

    /// <summary>
    /// Replaces <c>wss://&lt;DnsName&gt;</c> (scheme, host, port) — how tests reach a loopback fake over
    /// <c>ws://</c>. The URL is presigned for this host, exactly as it is connected to.
    /// </summary>
    [ConfigurationKeyName("EIC_TUNNEL_URL")]
    public string? TunnelUrl { get; set; }

    /// <summary>Seconds one tunnel connection may live (sent as <c>maxTunnelDuration</c>).</summary>
    [ConfigurationKeyName("EIC_MAX_TUNNEL_SECONDS")]
    public int MaxTunnelSeconds { get; set; } = MaxTunnelSecondsLimit;

    /// <summary>Concurrent tunnel connections this host opens through one endpoint.</summary>
    [ConfigurationKeyName("EIC_MAX_TUNNELS_PER_ENDPOINT")]
    public int MaxConnectionsPerEndpoint { get; set; } = MaxConnectionsLimit;

    /// <summary>Seconds a DescribeInstanceConnectEndpoints answer is reused; 0 asks every time.</summary>
    [ConfigurationKeyName("EIC_ENDPOINT_CACHE_SECONDS")]
    public int EndpointCacheSeconds { get; set; } = 60;

    /// <summary>Seconds the WebSocket handshake with the endpoint may take.</summary>
    [ConfigurationKeyName("EIC_CONNECT_TIMEOUT_SECONDS")]
    public int ConnectTimeoutSeconds { get; set; } = 15;

    internal const int MaxTunnelSecondsLimit = 3600;
    internal const int MaxConnectionsLimit = 20;

    public TimeSpan MaxTunnelDuration => TimeSpan.FromSeconds(MaxTunnelSeconds);

    public TimeSpan EndpointCacheDuration => TimeSpan.FromSeconds(EndpointCacheSeconds);

    public TimeSpan ConnectTimeout => TimeSpan.FromSeconds(ConnectTimeoutSeconds);

    /// <summary>Null when valid, else the message naming the variable.</summary>
    public string? Validate()
    {
        if (string.IsNullOrWhiteSpace(Region))
        {
            return "AWS_REGION must name a region";
        }

        if (MaxTunnelSeconds is < 1 or > MaxTunnelSecondsLimit)
        {
            return $"EIC_MAX_TUNNEL_SECONDS must be between 1 and {MaxTunnelSecondsLimit}";
        }

        if (MaxConnectionsPerEndpoint is < 1 or > MaxConnectionsLimit)
        {
            return $"EIC_MAX_TUNNELS_PER_ENDPOINT must be between 1 and {MaxConnectionsLimit}";
        }

        if (EndpointCacheSeconds is < 0 or > 3600)
        {
            return "EIC_ENDPOINT_CACHE_SECONDS must be between 0 and 3600";
        }

        if (ConnectTimeoutSeconds is < 1 or > 300)
        {
            return "EIC_CONNECT_TIMEOUT_SECONDS must be between 1 and 300";
        }

        if (!string.IsNullOrEmpty(TunnelUrl)
            && (!Uri.TryCreate(TunnelUrl, UriKind.Absolute, out var url) || url.Scheme is not ("ws" or "wss")))
        {
            return "EIC_TUNNEL_URL must be an absolute ws:// or wss:// URL";
        }

        return null;
    }
}
