using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Molecule.Registry.Gates;

/// <summary>
/// Remembers, for a few seconds, that a workspace's heartbeat with a given bearer (or none) passed the
/// token gate, so a steady stream of heartbeats costs no token lookup each. Only passes are kept:
/// a refusal is always re-checked. The price is a short window (the TTL) in which a revoked token, or
/// a missing one right after the first token was minted, still passes for heartbeats only — never for
/// register, update-card or anything else. A TTL of 0 turns the cache off.
/// </summary>
internal sealed class HeartbeatPassCache(IOptions<RegistryOptions> options, TimeProvider clock)
{
    private const int MaxEntries = 100_000;

    private readonly ConcurrentDictionary<(Guid Workspace, string Credential), DateTimeOffset> _passes = new();

    public bool RecentlyPassed(Guid workspaceId, string? bearer) =>
        options.Value.HeartbeatAuthCacheSeconds > 0 &&
        _passes.TryGetValue((workspaceId, Fingerprint(bearer)), out var until) && until > clock.GetUtcNow();

    public void Remember(Guid workspaceId, string? bearer)
    {
        var ttl = options.Value.HeartbeatAuthCacheSeconds;
        if (ttl <= 0)
        {
            return;
        }

        if (_passes.Count >= MaxEntries)
        {
            _passes.Clear(); // crude but bounded: the next heartbeats simply look their tokens up again
        }

        _passes[(workspaceId, Fingerprint(bearer))] = clock.GetUtcNow().AddSeconds(ttl);
    }

    // Keyed by a digest so the cache never holds a usable token.
    private static string Fingerprint(string? bearer) =>
        bearer is null ? "" : Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(bearer)));
}
