using System.Net.WebSockets;
using System.Text;
using Npgsql;

namespace Molecule.Testing;

/// <summary>Arranging workspaces and talking to /ws, for the Events tests.</summary>
public static class EventsTestKit
{
    /// <summary>Inserts a bare workspace row (optionally under a parent) and returns its id.</summary>
    public static async Task<Guid> InsertWorkspaceAsync(NpgsqlDataSource db, string name, Guid? parentId = null)
    {
        await using var command = db.CreateCommand(
            "INSERT INTO workspaces (name, parent_id, status) VALUES ($1, $2, 'online') RETURNING id");
        command.Parameters.Add(new NpgsqlParameter { Value = name });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)parentId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Uuid });
        return (Guid)(await command.ExecuteScalarAsync())!;
    }

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

    /// <summary>Polls <paramref name="condition"/> until it holds or <paramref name="within"/> passes.</summary>
    public static async Task<bool> EventuallyAsync(Func<bool> condition, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(50);
        }

        return true;
    }
}
