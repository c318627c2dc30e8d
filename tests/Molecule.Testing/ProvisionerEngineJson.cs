using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace Molecule.Testing;

/// <summary>
/// Raw answers of the engine for what the typed client does not surface (a container's environment,
/// memory and CPU caps, restart policy), read straight from the socket.
/// </summary>
public static class ProvisionerEngineJson
{
    /// <summary><c>GET /containers/{name}/json</c>; null when there is no such container.</summary>
    public static async Task<JsonObject?> InspectContainerAsync(string dockerHost, string name, CancellationToken cancellationToken)
    {
        var socketPath = dockerHost["unix://".Length..];
        using var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (_, token) =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), token);
                return new NetworkStream(socket, ownsSocket: true);
            },
        };
        using var client = new HttpClient(handler) { BaseAddress = new Uri("http://docker/") };
        using var response = await client.GetAsync($"containers/{Uri.EscapeDataString(name)}/json", cancellationToken);
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken))!.AsObject();
    }

    /// <summary>The container's <c>Config.Env</c> as a map (later duplicates win, as inside the container).</summary>
    public static IReadOnlyDictionary<string, string> Environment(JsonObject container)
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in container["Config"]!["Env"]!.AsArray())
        {
            var text = entry!.GetValue<string>();
            var separator = text.IndexOf('=', StringComparison.Ordinal);
            env[text[..separator]] = text[(separator + 1)..];
        }

        return env;
    }
}
