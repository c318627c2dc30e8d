using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Molecule.A2A.Proxy;

/// <summary>
/// The proxy reads a target's URL, status and budget on every call; under load that row is read
/// thousands of times a second while it changes rarely. It is reused for A2A_TARGET_CACHE_MS (one
/// second by default), which bounds how stale a URL or budget decision can be — the reference kept
/// URLs in Redis for five minutes. Missing rows are not cached.
/// </summary>
internal sealed class A2ATargetCache(NpgsqlDataSource db, IOptions<A2AOptions> options, TimeProvider clock)
{
    private const int MaxEntries = 50_000;

    private readonly ConcurrentDictionary<Guid, (A2ATarget Target, DateTimeOffset Until)> _targets = new();

    public async Task<A2ATarget?> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        var ttl = TimeSpan.FromMilliseconds(options.Value.TargetCacheMilliseconds);
        var now = clock.GetUtcNow();
        if (ttl > TimeSpan.Zero && _targets.TryGetValue(id, out var cached) && cached.Until > now)
        {
            return cached.Target;
        }

        var target = await A2ATarget.LoadAsync(db, id, cancellationToken);
        if (target is null || ttl <= TimeSpan.Zero)
        {
            _targets.TryRemove(id, out _);
            return target;
        }

        if (_targets.Count >= MaxEntries)
        {
            _targets.Clear();
        }

        _targets[id] = (target, now + ttl);
        return target;
    }
}
