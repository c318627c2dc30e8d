using System.Globalization;
using Microsoft.AspNetCore.Http;
using Molecule.Kernel.Http;

namespace Molecule.A2A.Activity.List;

/// <summary>Whose rows: the canvas (no source) or agents (a source workspace).</summary>
internal enum ActivitySource
{
    Any,
    Canvas,
    Agent,
}

/// <summary>
/// The filters of <c>GET /workspaces/{id}/activity</c>: the reference's <c>type</c>, <c>source</c>
/// and <c>limit</c>, plus what newer clients send (<c>since_id</c>, <c>since_secs</c>,
/// <c>peer_id</c>, <c>before_ts</c>).
/// </summary>
internal sealed record ActivityQuery(
    string? Type,
    ActivitySource Source,
    int Limit,
    string? SinceId,
    int? SinceSeconds,
    Guid? PeerId,
    DateTimeOffset? Before)
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 500;

    /// <summary>
    /// Stream readers (a cursor or a time window) get rows oldest first so the last row is their next
    /// cursor; the canvas and plain listings get the newest first.
    /// </summary>
    public bool Ascending => SinceId is not null || SinceSeconds is not null;

    /// <summary>Parses the query string; returns the 400 text for a value that cannot be used.</summary>
    public static ActivityQuery? Parse(IQueryCollection query, out string? error)
    {
        error = null;
        var source = query["source"].ToString() switch
        {
            "" => ActivitySource.Any,
            "canvas" => ActivitySource.Canvas,
            "agent" => ActivitySource.Agent,
            _ => (ActivitySource?)null,
        };
        if (source is null)
        {
            error = "source must be 'canvas' or 'agent'";
            return null;
        }

        int? sinceSeconds = null;
        if (NonEmpty(query, "since_secs") is { } secondsText)
        {
            if (!int.TryParse(secondsText, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            {
                error = "since_secs must be a non-negative integer";
                return null;
            }

            sinceSeconds = seconds;
        }

        Guid? peer = null;
        if (NonEmpty(query, "peer_id") is { } peerText)
        {
            if (!RouteIds.TryParse(peerText, out var peerId))
            {
                error = "peer_id must be a valid UUID";
                return null;
            }

            peer = peerId;
        }

        DateTimeOffset? before = null;
        if (NonEmpty(query, "before_ts") is { } beforeText)
        {
            if (!DateTimeOffset.TryParse(beforeText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            {
                error = "before_ts must be an RFC3339 timestamp";
                return null;
            }

            before = parsed;
        }

        return new ActivityQuery(
            NonEmpty(query, "type"),
            source.Value,
            ParseLimit(query["limit"].ToString()),
            NonEmpty(query, "since_id"),
            sinceSeconds,
            peer,
            before);
    }

    /// <summary>The reference's rule: a positive integer, capped at 500; anything else means 100.</summary>
    public static int ParseLimit(string text) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var limit) && limit > 0
            ? Math.Min(limit, MaxLimit)
            : DefaultLimit;

    private static string? NonEmpty(IQueryCollection query, string key) =>
        query[key].ToString() is { Length: > 0 } value ? value : null;
}
