using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Molecule.Docker.Transport;

/// <summary>A parsed DOCKER_HOST. Only unix sockets are supported: the engine is always local here.</summary>
internal sealed record DockerEndpoint(string Host, string SocketPath)
{
    /// <summary>sun_path holds 108 bytes including the terminating NUL.</summary>
    internal const int MaxSocketPathBytes = 107;

    private const string UnixScheme = "unix://";

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
