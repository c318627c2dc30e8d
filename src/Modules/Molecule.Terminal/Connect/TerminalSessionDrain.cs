using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;

namespace Molecule.Terminal.Connect;

/// <summary>
/// Holds the server's shutdown (up to the host's shutdown timeout) until open sessions have sent
/// their 1001 Close and ended their shells, so no exec outlives the server and the clean-up still
/// has its engine client (services are disposed right after the hosted services stop).
/// </summary>
internal sealed class TerminalSessionDrain : IHostedService
{
    private readonly ConcurrentDictionary<Task, byte> _open = new();

    public async Task RunAsync(Func<Task> session)
    {
        var running = session();
        _open.TryAdd(running, 0);
        try
        {
            await running;
        }
        finally
        {
            _open.TryRemove(running, out _);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken) =>
        // Waiting only: a session's own failure is reported by its request, and a timeout lets the host go on.
        await Task.WhenAll(_open.Keys).WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
}
