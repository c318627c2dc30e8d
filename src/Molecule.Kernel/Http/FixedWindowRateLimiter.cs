using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Molecule.Kernel.Http;

/// <summary>The outcome of one request against its client's window.</summary>
public readonly record struct RateLimitDecision(bool Allowed, int Limit, int Remaining, TimeSpan ResetAfter)
{
    /// <summary>Whole seconds until the window refills, at least 1 so a client never retries at once.</summary>
    public int ResetSeconds => Math.Max(1, (int)Math.Ceiling(ResetAfter.TotalSeconds));

    /// <summary>The reference's <c>X-RateLimit-Limit/Remaining/Reset</c> headers.</summary>
    public void WriteHeaders(IHeaderDictionary headers)
    {
        headers["X-RateLimit-Limit"] = Limit.ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Remaining"] = Remaining.ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Reset"] = ResetSeconds.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>The 429 answer: <c>Retry-After</c> and <c>{"error":"rate limit exceeded","retry_after":N}</c>.</summary>
    public IResult Refusal() => new RefusalResult(ResetSeconds);

    private sealed class RefusalResult(int retryAfter) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
            return ApiError.Of(StatusCodes.Status429TooManyRequests, "rate limit exceeded",
                new JsonObject { ["retry_after"] = retryAfter }).ExecuteAsync(httpContext);
        }
    }
}

/// <summary>
/// The reference's per-client fixed window: <c>limit</c> requests, then refused until a full window
/// has passed since the window opened, when it refills completely.
/// </summary>
public sealed class FixedWindow(DateTimeOffset start)
{
    private readonly Lock _gate = new();
    private DateTimeOffset _start = start;
    private int _count;

    public RateLimitDecision Hit(DateTimeOffset now, int limit, TimeSpan length)
    {
        lock (_gate)
        {
            if (now - _start >= length)
            {
                _start = now;
                _count = 0;
            }

            // Capped so a client hammering a long window cannot overflow the counter.
            _count = Math.Min(_count + 1, limit + 1);
            return new RateLimitDecision(_count <= limit, limit, Math.Max(0, limit - _count), _start + length - now);
        }
    }

    public bool IsExpired(DateTimeOffset now, TimeSpan length)
    {
        lock (_gate)
        {
            return now - _start >= length;
        }
    }
}

/// <summary>
/// Fixed windows keyed by client. Memory stays bounded: expired windows are swept once per window
/// length, and beyond <c>maxClients</c> live windows, new clients share one overflow window (so a flood
/// of addresses is limited as a group instead of growing the table).
/// </summary>
public sealed class FixedWindowRateLimiter(int limit, TimeSpan window, TimeProvider clock, int maxClients)
{
    public const string OverflowKey = "overflow";

    private readonly ConcurrentDictionary<string, FixedWindow> _windows = new(StringComparer.Ordinal);
    private long _lastSweepTicks = clock.GetUtcNow().UtcTicks;
    private int _sweeping;

    public int Limit => limit;

    public int TrackedClients => _windows.Count;

    /// <summary>One key per address; IPv4 seen through an IPv6 socket counts as the IPv4 address.</summary>
    public static string ClientKey(IPAddress? address) => address switch
    {
        null => "unknown",
        { IsIPv4MappedToIPv6: true } => address.MapToIPv4().ToString(),
        _ => address.ToString(),
    };

    public RateLimitDecision Acquire(string client)
    {
        var now = clock.GetUtcNow();
        SweepIfDue(now);
        if (!_windows.TryGetValue(client, out var current))
        {
            var key = _windows.Count < maxClients ? client : OverflowKey;
            current = _windows.GetOrAdd(key, static (_, start) => new FixedWindow(start), now);
        }

        return current.Hit(now, limit, window);
    }

    /// <summary>Drops every window that has run out; a returning client simply starts a fresh one.</summary>
    public void Sweep(DateTimeOffset now)
    {
        foreach (var (client, entry) in _windows)
        {
            if (entry.IsExpired(now, window))
            {
                _windows.TryRemove(client, out _);
            }
        }
    }

    private void SweepIfDue(DateTimeOffset now)
    {
        var last = Interlocked.Read(ref _lastSweepTicks);
        if (now.UtcTicks - last < window.Ticks || Interlocked.Exchange(ref _sweeping, 1) == 1)
        {
            return;
        }

        try
        {
            Interlocked.Exchange(ref _lastSweepTicks, now.UtcTicks);
            Sweep(now);
        }
        finally
        {
            Interlocked.Exchange(ref _sweeping, 0);
        }
    }
}
