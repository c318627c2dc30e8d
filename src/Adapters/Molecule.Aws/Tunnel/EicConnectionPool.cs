using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Molecule.Aws.Tunnel;

/// <summary>
/// Counts open tunnel connections per endpoint across every tunnel of this process, so this host
/// never asks an endpoint for more than its limit. Full means a clear refusal, never a wait: a
/// terminal or file call queued behind hour-long sessions would look like a hang.
/// </summary>
internal sealed class EicConnectionPool(IOptions<EicTunnelOptions> options)
{
    private readonly int _limit = options.Value.MaxConnectionsPerEndpoint;
    private readonly ConcurrentDictionary<string, Slots> _slots = new(StringComparer.Ordinal);

    public int Limit => _limit;

    /// <summary>A lease to dispose when the connection ends, or null when the endpoint is full.</summary>
    public IDisposable? TryAcquire(string endpointId)
    {
        var slots = _slots.GetOrAdd(endpointId, _ => new Slots());
        lock (slots)
        {
            if (slots.InUse >= _limit)
            {
                return null;
            }

            slots.InUse++;
        }

        return new Lease(slots);
    }

    public int InUse(string endpointId)
    {
        if (!_slots.TryGetValue(endpointId, out var slots))
        {
            return 0;
        }

        lock (slots)
        {
            return slots.InUse;
        }
    }

    private sealed class Slots
    {
        public int InUse;
    }

    private sealed class Lease(Slots slots) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 1)
            {
                return;
            }

            lock (slots)
            {
                slots.InUse--;
            }
        }
    }
}
