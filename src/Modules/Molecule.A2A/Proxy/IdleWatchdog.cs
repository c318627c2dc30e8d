using Molecule.Kernel.Events;

namespace Molecule.A2A.Proxy;

/// <summary>
/// Cancels a forwarded call when the target has shown no sign of life for the idle timeout. Every
/// event the target publishes (heartbeats included) and every chunk of its answer resets the clock,
/// so a long but active task is never cut off while a hung one is.
/// </summary>
internal sealed class IdleWatchdog : IDisposable
{
    private readonly CancellationTokenSource _idle;
    private readonly TimeSpan _timeout;
    private readonly IWorkspaceEventSubscription _events;

    public IdleWatchdog(IEventStream stream, Guid workspaceId, TimeSpan timeout, TimeProvider clock)
    {
        _timeout = timeout;
        _idle = new CancellationTokenSource(timeout, clock);
        _events = stream.Subscribe(workspaceId, capacity: 16);
        _ = ListenAsync();
    }

    public CancellationToken Token => _idle.Token;

    public bool Fired => _idle.IsCancellationRequested;

    /// <summary>The target did something: start the idle period again.</summary>
    public void Touch()
    {
        if (!_idle.IsCancellationRequested)
        {
            _idle.CancelAfter(_timeout);
        }
    }

    public void Dispose()
    {
        _events.Dispose();
        _idle.Dispose();
    }

    private async Task ListenAsync()
    {
        try
        {
            await foreach (var _ in _events.Reader.ReadAllAsync())
            {
                Touch();
            }
        }
        catch (ObjectDisposedException)
        {
            // The call finished while an event was arriving.
        }
    }
}
