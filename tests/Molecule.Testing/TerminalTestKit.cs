using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Text;
using Molecule.Docker;
using Molecule.Docker.Workspaces;
using Npgsql;

namespace Molecule.Testing;

/// <summary>
/// The host for terminal tests: ADMIN_TOKEN set (auth enforced as in production) and DOCKER_HOST on
/// the private dockerd that scripts/test.sh starts.
/// </summary>
public sealed class TerminalApp : MoleculeApp
{
    public const string AdminToken = "terminal-test-admin-token";

    public TerminalApp()
    {
        Settings["ADMIN_TOKEN"] = AdminToken;
        Settings["DOCKER_HOST"] = Environment.GetEnvironmentVariable(DockerEngineFixture.HostVariable);
    }

    public static new async Task<TerminalApp> StartAsync(IDictionary<string, string?>? settings = null)
    {
        var app = new TerminalApp();
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            app.Settings[key] = value;
        }

        await app.InitializeAsync();
        return app;
    }

    public HttpClient Admin() => Client(AdminToken);
}

/// <summary>Arranging workspaces and their containers, and talking to the terminal socket.</summary>
public static class TerminalTestKit
{
    /// <summary>Bounds every wait in the terminal tests.</summary>
    public static CancellationToken Within(int seconds = 30) => new CancellationTokenSource(TimeSpan.FromSeconds(seconds)).Token;

    /// <summary>A workspace row, optionally under a parent and on EC2 (<paramref name="instanceId"/> set).</summary>
    public static Task<Guid> InsertTerminalWorkspaceAsync(
        this MoleculeApp app, string name = "terminal-ws", Guid? parentId = null, string? instanceId = null) =>
        app.Db.InsertWorkspaceAsync(new WorkspaceSeed { Name = name, ParentId = parentId, InstanceId = instanceId });

    /// <summary>The workspace's container created but never started.</summary>
    public static Task<string> CreateStoppedWorkspaceContainerAsync(this DockerEngineFixture docker, Guid workspaceId) =>
        docker.Engine.CreateContainerAsync(new DockerContainerSpec
        {
            Image = docker.AgentImage,
            Name = WorkspaceContainers.ContainerName(workspaceId),
            Cmd = ["sleep", "600"],
            Labels = docker.Labels,
            NetworkMode = "host",
        });

    /// <summary>Opens the terminal socket; a refused handshake throws.</summary>
    public static async Task<TerminalSocket> ConnectTerminalAsync(
        this MoleculeApp app, Guid workspaceId, string? bearer, IDictionary<string, string>? headers = null, string query = "")
    {
        var client = app.Server.CreateWebSocketClient();
        client.ConfigureRequest = request =>
        {
            if (bearer is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer).ToString();
            }

            foreach (var (name, value) in headers ?? new Dictionary<string, string>())
            {
                request.Headers[name] = value;
            }
        };
        var socket = await client.ConnectAsync(new Uri($"ws://localhost/workspaces/{workspaceId}/terminal{query}"), Within());
        return new TerminalSocket(socket);
    }

    /// <summary>
    /// Processes in <paramref name="containerId"/> that are alive (not zombies) and whose command line
    /// is exactly <paramref name="args"/>.
    /// </summary>
    public static async Task<int> CountLiveProcessesAsync(this DockerEngineFixture docker, string containerId, string args)
    {
        var ps = await docker.Engine.RunExecAsync(
            containerId, new DockerExecSpec { Cmd = ["ps", "-o", "stat,args"] }, cancellationToken: Within());
        return ps.StdoutText
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split(' ', 2, StringSplitOptions.TrimEntries))
            .Count(fields => fields.Length == 2 && !fields[0].StartsWith('Z') && fields[1] == args);
    }
}

/// <summary>A client terminal: sends keystrokes, collects what the shell shows, reads the Close.</summary>
public sealed class TerminalSocket(WebSocket socket) : IAsyncDisposable
{
    private readonly StringBuilder _screen = new();
    private readonly byte[] _buffer = new byte[16 * 1024];

    public WebSocket Socket => socket;

    /// <summary>Everything shown so far.</summary>
    public string Screen => _screen.ToString();

    /// <summary>Frame types the server used for output (the terminal sends binary only).</summary>
    public HashSet<WebSocketMessageType> OutputFrameTypes { get; } = [];

    public Task SendTextAsync(string text) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, TerminalTestKit.Within());

    public Task SendBinaryAsync(string text) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Binary, endOfMessage: true, TerminalTestKit.Within());

    /// <summary>Reads until <paramref name="text"/> shows up after what was already seen; returns the screen from there.</summary>
    public async Task<string> WaitForAsync(string text, int seconds = 20)
    {
        var from = _screen.Length;
        var deadline = TerminalTestKit.Within(seconds);
        while (_screen.ToString(from, _screen.Length - from).IndexOf(text, StringComparison.Ordinal) is var at && at < 0)
        {
            var result = await socket.ReceiveAsync(_buffer, deadline);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                throw new InvalidOperationException(
                    $"the terminal closed ({result.CloseStatus} {result.CloseStatusDescription}) before showing \"{text}\"; it showed: {Screen}");
            }

            Record(result);
        }

        return _screen.ToString(from, _screen.Length - from);
    }

    /// <summary>Reads output until the server's Close, answers it, and returns its code and reason.</summary>
    public async Task<(WebSocketCloseStatus? Status, string? Reason)> ReadUntilClosedAsync(int seconds = 30)
    {
        var deadline = TerminalTestKit.Within(seconds);
        while (true)
        {
            var result = await socket.ReceiveAsync(_buffer, deadline);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                if (socket.State == WebSocketState.CloseReceived)
                {
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, deadline);
                }

                return (result.CloseStatus, result.CloseStatusDescription);
            }

            Record(result);
        }
    }

    public ValueTask DisposeAsync()
    {
        socket.Dispose();
        return ValueTask.CompletedTask;
    }

    private void Record(WebSocketReceiveResult result)
    {
        OutputFrameTypes.Add(result.MessageType);
        _screen.Append(Encoding.UTF8.GetString(_buffer, 0, result.Count));
    }
}
