using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Molecule.Docker.Client;

/// <summary>A parsed DOCKER_HOST. Only unix sockets are supported: the engine is always local here.</summary>
internal sealed record DockerEndpoint(string Host, string SocketPath)
{
    /// <summary>
    /// The library's unix socket transport copies the path into a 91-byte sockaddr buffer (shorter
    /// than the kernel's 107): refuse a longer path at start instead of at the first call.
    /// </summary>
    internal const int MaxSocketPathBytes = 91;

    private const string UnixScheme = "unix://";

    public Uri Uri => new(Host);

    public static DockerEndpoint Parse(string host) =>
        TryParse(host, out var endpoint, out var error) ? endpoint : throw new ArgumentException(error, nameof(host));

    public static bool TryParse(string host, [NotNullWhen(true)] out DockerEndpoint? endpoint, out string error)
    {
        endpoint = null;
        if (!host.StartsWith(UnixScheme, StringComparison.Ordinal))
        {
            error = $"DOCKER_HOST must be a unix socket (unix:///path/docker.sock), got \"{host}\"";
            return false;
        }

        var path = host[UnixScheme.Length..];
        if (!path.StartsWith('/'))
        {
            error = $"DOCKER_HOST must name an absolute socket path, got \"{host}\"";
            return false;
        }

        if (Encoding.UTF8.GetByteCount(path) > MaxSocketPathBytes)
        {
            error = $"DOCKER_HOST socket path is longer than {MaxSocketPathBytes} bytes: \"{path}\"";
            return false;
        }

        endpoint = new DockerEndpoint(host, path);
        error = "";
        return true;
    }
}
