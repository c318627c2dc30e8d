using Molecule.Ssh;

namespace Molecule.Testing;

/// <summary>
/// An <see cref="ISshTransport"/> to a fixed endpoint that runs an "authorize the key" step (the
/// Instance Connect push, in tests) and counts how many paths it opened and how many were closed,
/// so tests can prove a warm session skipped the step.
/// </summary>
public sealed class CountingTransport(SshEndpoint endpoint, string user, Func<SshKeyPair, IDisposable?> authorize) : ISshTransport
{
    private int _opened;
    private int _closed;

    public int Opened => Volatile.Read(ref _opened);

    public int Closed => Volatile.Read(ref _closed);

    /// <summary>When set, the next path goes to this endpoint instead (e.g. a forwarder the test can cut).</summary>
    public SshEndpoint? Redirect { get; set; }

    /// <summary>The public key lines pushed, in order.</summary>
    public List<string> PushedKeys { get; } = [];

    public Task<SshPath> OpenAsync(SshKeyPair key, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _opened);
        lock (PushedKeys)
        {
            PushedKeys.Add(key.PublicKeyLine);
        }

        var authorization = authorize(key);
        return Task.FromResult(new SshPath(Redirect ?? endpoint, user, new OnClose(() =>
        {
            Interlocked.Increment(ref _closed);
            authorization?.Dispose();
        })));
    }

    private sealed class OnClose(Action action) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            action();
            return ValueTask.CompletedTask;
        }
    }
}
