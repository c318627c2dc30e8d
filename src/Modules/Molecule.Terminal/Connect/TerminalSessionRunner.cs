using System.Net.WebSockets;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Molecule.Kernel.Workspaces;
using Molecule.Terminal.Backends;

namespace Molecule.Terminal.Connect;

/// <summary>After the checks: upgrade, start the shell, bridge the two until the session ends.</summary>
internal sealed partial class TerminalSessionRunner(
    TerminalSessionDrain drain,
    IOptions<TerminalOptions> options,
    IHostApplicationLifetime lifetime,
    TimeProvider clock,
    ILogger<TerminalSessionRunner> logger)
{
    private static readonly TimeSpan StartFailureSendTimeout = TimeSpan.FromSeconds(5);

    public Task RunAsync(HttpContext context, WorkspaceRef workspace, ITerminalShell shell, TerminalSize size) =>
        drain.RunAsync(() => RunSessionAsync(context, workspace, shell, size));

    private async Task RunSessionAsync(HttpContext context, WorkspaceRef workspace, ITerminalShell shell, TerminalSize size)
    {
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var aborted = context.RequestAborted;
        ITerminalSession session;
        try
        {
            session = await shell.OpenAsync(size, aborted);
        }
        catch (TerminalStartException exception)
        {
            LogStartFailed(exception, workspace.Id);
            await RefuseAsync(socket, exception.Message);
            return;
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            return; // the client left while the shell was starting; the shell was ended
        }

        TerminalMetrics.Sessions.Add(1);
        var started = clock.GetTimestamp();
        LogOpened(workspace.Id, session.Shell);
        try
        {
            var bridge = new TerminalBridge(socket, session, options.Value.IdleTimeout, clock, logger);
            var ending = await bridge.RunAsync(aborted, lifetime.ApplicationStopping);
            TerminalMetrics.RecordEnded(ending);
            LogEnded(workspace.Id, ending, (long)clock.GetElapsedTime(started).TotalSeconds);
        }
        finally
        {
            await session.DisposeAsync();
            TerminalMetrics.Sessions.Add(-1);
        }
    }

    /// <summary>Shown in the terminal as the reference does (an <c>Error: …</c> line), then a 1011 Close.</summary>
    private static async Task RefuseAsync(WebSocket socket, string reason)
    {
        var close = TerminalCloses.For(TerminalEnding.ShellStartFailed)!.Value;
        var line = close.Reason == reason ? $"Error: {close.Reason}\r\n" : $"Error: {close.Reason}: {reason}\r\n";
        using var deadline = new CancellationTokenSource(StartFailureSendTimeout);
        try
        {
            await socket.SendAsync(Encoding.UTF8.GetBytes(line), WebSocketMessageType.Text, endOfMessage: true, deadline.Token);
            await socket.CloseOutputAsync(close.Status, close.Reason, deadline.Token);
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException)
        {
            socket.Abort();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Terminal opened on workspace {WorkspaceId} ({Shell})")]
    private partial void LogOpened(Guid workspaceId, string shell);

    [LoggerMessage(Level = LogLevel.Information, Message = "Terminal on workspace {WorkspaceId} ended: {Ending} after {Seconds}s")]
    private partial void LogEnded(Guid workspaceId, TerminalEnding ending, long seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Terminal on workspace {WorkspaceId}: no shell could be started")]
    private partial void LogStartFailed(Exception exception, Guid workspaceId);
}
