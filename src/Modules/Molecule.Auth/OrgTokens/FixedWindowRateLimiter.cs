namespace Molecule.Auth.OrgTokens;

internal readonly record struct RateLimitDecision(bool Allowed, int Limit, int Remaining, TimeSpan ResetIn);

/// <summary>
/// The reference's per-client fixed window: <c>limit</c> requests, and the whole allowance comes back
/// once <c>window</c> has passed since the window opened.
/// </summary>
internal sealed class FixedWindowRateLimiter(int limit, TimeSpan window, TimeProvider clock)
{
    /// <summary>Above this many tracked clients, expired windows are dropped so memory stays bounded.</summary>
    private const int PruneThreshold = 4096;

    private readonly Dictionary<string, ClientWindow> _windows = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public RateLimitDecision Acquire(string client)
    {
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            if (!_windows.TryGetValue(client, out var current) || now >= current.ResetsAt)
            {
                PruneExpired(now);
                current = new ClientWindow(0, now + window);
            }

            var used = current.Used + 1;
            _windows[client] = current with { Used = used };
            return new RateLimitDecision(used <= limit, limit, Math.Max(0, limit - used), current.ResetsAt - now);
        }
    }

    private void PruneExpired(DateTimeOffset now)
    {
        if (_windows.Count < PruneThreshold)
        {
            return;
        }

        foreach (var (client, entry) in _windows)
        {
            if (now >= entry.ResetsAt)
            {
                _windows.Remove(client);
            }
        }
    }

    private readonly record struct ClientWindow(int Used, DateTimeOffset ResetsAt);
}
