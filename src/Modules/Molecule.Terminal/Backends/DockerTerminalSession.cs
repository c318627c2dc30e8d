using Molecule.Docker;

namespace Molecule.Terminal.Backends;

/// <summary>
/// A shell exec on its hijacked engine connection. The output read during the start probe is held
/// and handed out first, so nothing is lost or shown twice.
/// </summary>
internal sealed class DockerTerminalSession(
    IDockerEngine engine,
    DockerSessionReaper reaper,
    string containerId,
    string shell,
    string marker,
    DockerExecSession exec) : ITerminalSession
{
    public const int ReadBufferSize = 8 * 1024;

    private const int ExitCodePolls = 50;
    private static readonly TimeSpan ExitCodePollInterval = TimeSpan.FromMilliseconds(20);

    private Task<DockerChunk>? _pendingRead;
    private byte[]? _held;
    private int _heldOffset;
    private int _heldCount;
    private int _disposed;

    public string Shell => shell;

    public string ExecId => exec.ExecId;

    /// <summary>
    /// Waits (up to <paramref name="window"/>) for the first output, then asks whether the exec
    /// failed to start. False means this shell could not run. The first read stays pending if
    /// nothing arrived, and is picked up by <see cref="ReadAsync"/>.
    /// </summary>
    public async Task<bool> ProbeStartAsync(
        TimeSpan window, TimeProvider clock, Func<string, CancellationToken, Task<bool>> isStartFailure, CancellationToken cancellationToken)
    {
        _held = new byte[ReadBufferSize];
        // Cancelling a read on the hijacked connection would break it: the read is left pending instead.
        var firstRead = exec.Output.ReadAsync(_held, CancellationToken.None).AsTask();
        _pendingRead = firstRead;
        using var stopWaiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var waited = Task.Delay(window, clock, stopWaiting.Token);
        var first = await Task.WhenAny(firstRead, waited);
        await stopWaiting.CancelAsync();
        if (first != firstRead)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return true;
        }

        // Output (or its end) arrived. A failed start records its exit code before the engine
        // writes its text, so one look tells a missing shell from a prompt.
        return !await isStartFailure(exec.ExecId, cancellationToken);
    }

    public async ValueTask<int> ReadAsync(Memory<byte> buffer)
    {
        if (Interlocked.Exchange(ref _pendingRead, null) is { } pending)
        {
            var chunk = await pending;
            if (chunk.IsEnd)
            {
                return 0;
            }

            _heldOffset = 0;
            _heldCount = chunk.Count;
        }

        if (_heldCount > 0)
        {
            var count = Math.Min(_heldCount, buffer.Length);
            _held.AsMemory(_heldOffset, count).CopyTo(buffer);
            _heldOffset += count;
            _heldCount -= count;
            return count;
        }

        return (await exec.Output.ReadAsync(buffer)).Count;
    }

    public ValueTask WriteAsync(ReadOnlyMemory<byte> input, CancellationToken cancellationToken) =>
        exec.WriteAsync(input, cancellationToken);

    public Task ResizeAsync(TerminalSize size, CancellationToken cancellationToken) =>
        engine.ResizeExecAsync(exec.ExecId, size.Rows, size.Columns, cancellationToken);

    public async Task<int?> GetExitCodeAsync(CancellationToken cancellationToken)
    {
        // The output can end a moment before the engine records the exit.
        for (var poll = 0; poll < ExitCodePolls; poll++)
        {
            var state = await engine.InspectExecAsync(exec.ExecId, cancellationToken);
            if (!state.Running && state.ExitCode is not null)
            {
                return state.ExitCode;
            }

            await Task.Delay(ExitCodePollInterval, cancellationToken);
        }

        return null;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        try
        {
            await reaper.EndAsync(containerId, exec.ExecId, shell, marker);
        }
        finally
        {
            await exec.DisposeAsync();
            await ObservePendingReadAsync();
        }
    }

    /// <summary>A first read nobody picked up fails once the connection is gone; observe it so it is not reported as unhandled.</summary>
    private async Task ObservePendingReadAsync()
    {
        if (Interlocked.Exchange(ref _pendingRead, null) is not { } pending)
        {
            return;
        }

        try
        {
            await pending;
        }
        catch (Exception exception) when (exception is IOException or ObjectDisposedException or OperationCanceledException or DockerException)
        {
        }
    }
}
