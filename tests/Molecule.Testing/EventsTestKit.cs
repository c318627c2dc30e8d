using System.Net.WebSockets;
using System.Text;
using Npgsql;

namespace Molecule.Testing;

/// <summary>Arranging workspaces and talking to /ws, for the Events tests.</summary>
public static class EventsTestKit
{
    /// <summary>Inserts a bare workspace row (optionally under a parent) and returns its id.</summary>
    public static Task<Guid> InsertWorkspaceAsync(NpgsqlDataSource db, string name, Guid? parentId = null) =>
        db.InsertWorkspaceAsync(new WorkspaceSeed { Name = name, ParentId = parentId });

    /// <summary>Opens /ws on the in-memory server with the given request headers.</summary>
    public static async Task<WebSocket> ConnectAsync(MoleculeApp app, IDictionary<string, string>? headers, CancellationToken cancellationToken)
    {
        var client = app.Server.CreateWebSocketClient();
        client.ConfigureRequest = request =>
        {
            foreach (var (name, value) in headers ?? new Dictionary<string, string>())
            {
                request.Headers[name] = value;
            }
        };
        return await client.ConnectAsync(new Uri("ws://localhost/ws"), cancellationToken);
    }

    /// <summary>Reads one whole text message.</summary>
    public static async Task<string> ReceiveTextAsync(WebSocket socket, CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, cancellationToken);
            if (result.MessageType != WebSocketMessageType.Text)
            {
                throw new InvalidOperationException($"expected a text frame, got {result.MessageType}");
            }

            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                return Encoding.UTF8.GetString(message.ToArray());
            }
        }
    }
}
