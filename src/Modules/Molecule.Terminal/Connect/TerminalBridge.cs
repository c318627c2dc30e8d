using System.Buffers;
using System.Net.WebSockets;
using Microsoft.Extensions.Logging;
using Molecule.Docker;
using Molecule.Terminal.Backends;

namespace Molecule.Terminal.Connect;

/// <summary>
/// Joins a WebSocket to a shell: output goes out as binary frames, client frames (text or binary)
/// go to the shell's stdin, except resize requests. The session ends on whichever comes first —
/// the shell exits, the client closes or vanishes, no input for the idle period, the server stops,
/// or an I/O failure — and always ends the shell too. Each direction uses one fixed buffer and
/// waits for the other side before reading more, so a slow peer slows the producer instead of
/// filling memory.
/// </summary>
internal sealed partial class TerminalBridge(
    WebSocket socket,
    ITerminalSession session,
    TimeSpan idleTimeout,
    TimeProvider clock,
    ILogger logger)
{
    /// <summary>The reference sends output frames of at most 4 KiB.</summary>
    public const int OutputFrameBytes = 4096;

    private const int InputBufferBytes = 4096;

    // A client that takes no output for this long is treated as gone.
    private static readonly TimeSpan SendTimeout = TimeSpan.FromSeconds(30);

    // How long the client may take to answer our Close before the socket is dropped.
    private static readonly TimeSpan CloseHandshakeTimeout = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan ExitCodeTimeout = TimeSpan.FromSeconds(5);

    // Data frames and the Close frame never go out at the same time; after the Close, no data.
    private readonly SemaphoreSlim _sendGate = new(1, 1);
    private readonly TextMessageGate _textGate = new();
    private volatile bool _closing;

    public async Task<TerminalEnding> RunAsync(CancellationToken aborted, CancellationToken stopping)
    {
        var idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var idleTimer = clock.CreateTimer(_ => idle.TrySetResult(), null, idleTimeout, Timeout.InfiniteTimeSpan);
        var shutdown = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var onStopping = stopping.Register(() => shutdown.TrySetResult());

        var output = PumpOutputAsync();
        var input = PumpInputAsync(idleTimer, aborted);
        var first = await Task.WhenAny(output, input, idle.Task, shutdown.Task);
        _closing = true;
        var ending = first == output ? await output
            : first == input ? await input
            : first == idle.Task ? TerminalEnding.IdleTimeout
            : TerminalEnding.ServerShutdown;

        var exitCode = ending == TerminalEnding.ShellExited ? await ReadExitCodeAsync() : null;
        // The user learns why first; ending the shell's processes can take a moment.
        if (TerminalCloses.For(ending, exitCode, idleTimeout) is { } close)
        {
            await SendCloseAsync(close);
        }

        await session.DisposeAsync();
        await output;
        try
        {
            await input.WaitAsync(CloseHandshakeTimeout, clock);
        }
        catch (TimeoutException)
        {
            socket.Abort();
            await input;
        }

        return ending;
    }

    private async Task<TerminalEnding> PumpOutputAsync()
    {
        var buffer = ArrayPool<byte>.Shared.Rent(OutputFrameBytes);
        var sendDeadline = new CancellationTokenSource();
        try
        {
            while (true)
            {
                int count;
                try
                {
                    count = await session.ReadAsync(buffer.AsMemory(0, OutputFrameBytes));
                }
                catch (Exception exception) when (IsIoFailure(exception))
                {
                    // Reads fail once the session is disposed; before that it is the engine connection.
                    if (!_closing)
                    {
                        LogOutputFailed(exception);
                    }

                    return TerminalEnding.ServerError;
                }

                if (count == 0)
                {
                    return TerminalEnding.ShellExited;
                }

                await _sendGate.WaitAsync(CancellationToken.None);
                try
                {
                    if (_closing)
                    {
                        return TerminalEnding.ShellExited;
                    }

                    sendDeadline.CancelAfter(SendTimeout);
                    await socket.SendAsync(buffer.AsMemory(0, count), WebSocketMessageType.Binary, endOfMessage: true, sendDeadline.Token);
                    if (!sendDeadline.TryReset())
                    {
                        sendDeadline.Dispose();
                        sendDeadline = new CancellationTokenSource();
                    }
                }
                catch (Exception exception) when (IsClientGone(exception))
                {
                    // A cancelled send (the client stopped reading) aborts the socket: it is gone either way.
                    return TerminalEnding.ClientGone;
                }
                finally
                {
                    _sendGate.Release();
                }
            }
        }
        finally
        {
            sendDeadline.Dispose();
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task<TerminalEnding> PumpInputAsync(ITimer idleTimer, CancellationToken aborted)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(InputBufferBytes);
        try
        {
            while (true)
            {
                ValueWebSocketReceiveResult received;
                try
                {
                    received = await socket.ReceiveAsync(buffer.AsMemory(0, InputBufferBytes), aborted);
                }
                catch (Exception exception) when (IsClientGone(exception))
                {
                    return TerminalEnding.ClientGone;
                }

                if (received.MessageType == WebSocketMessageType.Close)
                {
                    return TerminalEnding.ClientClosed;
                }

                if (_closing)
                {
                    continue; // waiting for the client's Close; the shell is going away
                }

                idleTimer.Change(idleTimeout, Timeout.InfiniteTimeSpan);
                try
                {
                    await ForwardAsync(buffer.AsMemory(0, received.Count), received, aborted);
                }
                catch (OperationCanceledException) when (aborted.IsCancellationRequested)
                {
                    return TerminalEnding.ClientGone;
                }
                catch (Exception exception) when (IsIoFailure(exception))
                {
                    if (_closing)
                    {
                        continue;
                    }

                    LogInputFailed(exception);
                    return TerminalEnding.ServerError;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task ForwardAsync(ReadOnlyMemory<byte> data, ValueWebSocketReceiveResult received, CancellationToken aborted)
    {
        if (received.MessageType == WebSocketMessageType.Binary)
        {
            await WriteAsync(data, aborted);
            return;
        }

        var step = _textGate.Accept(data, received.EndOfMessage);
        await WriteAsync(step.Held, aborted);
        await WriteAsync(step.Current, aborted);
        if (step.Control is { Kind: ClientTextKind.Resize, Size: var size })
        {
            await ResizeAsync(size, aborted);
        }
    }

    private async ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken aborted)
    {
        if (!data.IsEmpty)
        {
            await session.WriteAsync(data, aborted);
        }
    }

    private async Task ResizeAsync(TerminalSize size, CancellationToken aborted)
    {
        try
        {
            await session.ResizeAsync(size, aborted);
        }
        catch (DockerException exception)
        {
            // A failed resize leaves the old size; the session goes on.
            LogResizeFailed(exception, size.Columns, size.Rows);
        }
    }

    private async Task<int?> ReadExitCodeAsync()
    {
        using var deadline = new CancellationTokenSource(ExitCodeTimeout, clock);
        try
        {
            return await session.GetExitCodeAsync(deadline.Token);
        }
        catch (Exception exception) when (exception is DockerException or OperationCanceledException)
        {
            return null;
        }
    }

    private async Task SendCloseAsync(TerminalClose close)
    {
        await _sendGate.WaitAsync(CancellationToken.None);
        using var deadline = new CancellationTokenSource(CloseHandshakeTimeout, clock);
        try
        {
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                await socket.CloseOutputAsync(close.Status, close.Reason, deadline.Token);
            }
        }
        catch (Exception exception) when (IsClientGone(exception))
        {
            socket.Abort();
        }
        finally
        {
            _sendGate.Release();
        }
    }

    /// <summary>How a vanished peer shows up: a WebSocket error, a dropped transport, or a cancelled wait.</summary>
    private static bool IsClientGone(Exception exception) =>
        exception is WebSocketException or IOException or ObjectDisposedException or OperationCanceledException;

    private static bool IsIoFailure(Exception exception) =>
        exception is IOException or ObjectDisposedException or DockerException or OperationCanceledException;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Terminal output from the shell failed")]
    private partial void LogOutputFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Terminal input to the shell failed")]
    private partial void LogInputFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Terminal resize to {Columns}x{Rows} failed")]
    private partial void LogResizeFailed(Exception exception, int columns, int rows);
}
