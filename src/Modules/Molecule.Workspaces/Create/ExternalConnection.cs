using System.Text.Json;
using System.Text.Json.Nodes;
using Molecule.Kernel.Http;

namespace Molecule.Workspaces.Create;

/// <summary>
/// Everything an operator needs to connect an agent that runs outside this platform to a new
/// external workspace: where to register and heartbeat, its bearer, and ready-to-run snippets.
/// </summary>
internal static class ExternalConnection
{
    public const string RegisterPath = "/registry/register";
    public const string HeartbeatPath = "/registry/heartbeat";

    public static JsonObject Build(Guid workspaceId, string name, string platformUrl, string authToken) => new()
    {
        ["workspace_id"] = workspaceId,
        ["platform_url"] = platformUrl,
        ["auth_token"] = authToken,
        ["registry_endpoint"] = platformUrl + RegisterPath,
        ["heartbeat_endpoint"] = platformUrl + HeartbeatPath,
        ["curl_register_template"] = CurlRegister(workspaceId, name, platformUrl, authToken),
        ["python_snippet"] = PythonSnippet(workspaceId, name, platformUrl, authToken),
    };

    /// <summary>A curl call that registers the agent; <c>$AGENT_URL</c> is left for the operator to set.</summary>
    private static string CurlRegister(Guid workspaceId, string name, string platformUrl, string authToken)
    {
        var card = new JsonObject
        {
            ["id"] = workspaceId,
            ["url"] = "__AGENT_URL__",
            ["agent_card"] = new JsonObject
            {
                ["name"] = name,
                ["description"] = $"External agent for workspace {name}",
                ["version"] = "1.0.0",
            },
        };

        // The body sits in single quotes; the URL placeholder closes them so the shell expands it.
        var body = ShellSingleQuoted(card.ToJsonString(JsonOptions))
            .Replace("__AGENT_URL__", "'\"$AGENT_URL\"'", StringComparison.Ordinal);
        return $"""
            # Set AGENT_URL to the address this platform can reach your agent on, then run:
            curl -sS -X POST '{platformUrl}{RegisterPath}' \
              -H 'Authorization: Bearer {authToken}' \
              -H 'Content-Type: application/json' \
              -d {body}
            """;
    }

    private static string PythonSnippet(Guid workspaceId, string name, string platformUrl, string authToken) =>
        $"""
        # pip install molecule-sdk
        # Serves your agent over A2A and keeps it registered with the platform.
        from molecule_sdk import A2AServer, RemoteAgentClient

        client = RemoteAgentClient(
            platform_url={JsonSerializer.Serialize(platformUrl)},
            workspace_id={JsonSerializer.Serialize(workspaceId.ToString())},
            auth_token={JsonSerializer.Serialize(authToken)},
        )

        async def handle(message):
            # Replace with your agent: return the reply text for an incoming message.
            return "Hello from " + {JsonSerializer.Serialize(name, JsonOptions)}

        server = A2AServer(handler=handle, port=8000)
        client.register(url="http://<host-reachable-by-the-platform>:8000")  # then heartbeats run in the background
        server.run()
        """;

    private static string ShellSingleQuoted(string text) => "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static readonly JsonSerializerOptions JsonOptions = CreateJsonOptions();

    private static JsonSerializerOptions CreateJsonOptions()
    {
        var options = new JsonSerializerOptions();
        MoleculeJson.Configure(options);
        return options;
    }
}
