using System.Globalization;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Molecule.Kernel.Configuration;

namespace Molecule.Provisioner.Docker;

/// <summary>
/// The platform URL handed to agents as PLATFORM_URL/MOLECULE_URL: the configured PLATFORM_URL,
/// else this server's port on the address a container can reach it at — 127.0.0.1 for containers
/// on the host network, host.docker.internal otherwise. The port is the one the server actually
/// listens on when known (so <c>--urls</c> and a port of 0 work), else PORT.
/// </summary>
internal sealed class PlatformUrlResolver(IServiceProvider services, IOptions<PlatformOptions> platform, IOptions<DockerProvisionerOptions> options)
{
    public const string DockerHostAlias = "host.docker.internal";

    /// <summary>True when PLATFORM_URL is set: containers then reach the platform however the operator said.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(platform.Value.PlatformUrl);

    public string For(bool hostNetwork) =>
        Resolve(platform.Value.PlatformUrl, hostNetwork, ListeningPort() ?? options.Value.PortOrDefault);

    public static string Resolve(string? configured, bool hostNetwork, int port) =>
        !string.IsNullOrWhiteSpace(configured)
            ? configured.Trim().TrimEnd('/')
            : string.Create(CultureInfo.InvariantCulture, $"http://{(hostNetwork ? "127.0.0.1" : DockerHostAlias)}:{port}");

    /// <summary>The first port the server is bound to; null under the in-memory test server or before it starts.</summary>
    private int? ListeningPort()
    {
        var addresses = services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses;
        foreach (var address in addresses ?? [])
        {
            // Kestrel reports wildcard hosts ("http://[::]:8080", "http://+:80") that Uri refuses; only the port matters.
            var portStart = address.LastIndexOf(':');
            if (portStart > 0 && int.TryParse(address.AsSpan(portStart + 1).TrimEnd('/'), NumberStyles.None, CultureInfo.InvariantCulture, out var port)
                && port is >= 1 and <= 65535)
            {
                return port;
            }
        }

        return null;
    }
}
