using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace Molecule.Kernel.Auth;

/// <summary>
/// Remembers for a short time that a caller with a given bearer (or none) passed a check on a hot
/// path — a heartbeat's token gate, an A2A caller's token and hierarchy check — so a steady stream of
/// calls costs no lookup each. Only passes are kept: a refusal is always re-checked. The price is a
/// window of at most the TTL in which a revoked token (or a missing one right after the first token
/// was minted) still passes that one check. A TTL of zero turns the cache off.
/// </summary>
public sealed class RecentPassCache(TimeSpan ttl, TimeProvider clock, int maxEntries = 100_000)
{
    private readonly ConcurrentDictionary<(Guid Subject, Guid Scope, string Credential), DateTimeOffset> _passes = new();

    public bool Enabled => ttl > TimeSpan.Zero;

    /// <summary>Whether <paramref name="subject"/> passed for <paramref name="scope"/> with this bearer within the TTL.</summary>
    public bool RecentlyPassed(Guid subject, Guid scope, string? bearer) =>
        Enabled && _passes.TryGetValue((subject, scope, Fingerprint(bearer)), out var until) && until > clock.GetUtcNow();

    public void Remember(Guid subject, Guid scope, string? bearer)
    {
        if (!Enabled)
        {
            return;
        }

        if (_passes.Count >= maxEntries)
        {
            _passes.Clear(); // crude but bounded: callers simply get checked again
        }

        _passes[(subject, scope, Fingerprint(bearer))] = clock.GetUtcNow() + ttl;
    }

    // Keyed by a digest so the cache never holds a usable token.
    private static string Fingerprint(string? bearer) =>
        bearer is null ? "" : Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(bearer)));
}
