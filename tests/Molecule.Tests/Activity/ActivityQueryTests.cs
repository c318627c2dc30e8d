using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Molecule.A2A.Activity.List;

namespace Molecule.Tests.Activity;

public sealed class ActivityQueryTests
{
    private static ActivityQuery? Parse(string queryString, out string? error) =>
        ActivityQuery.Parse(new QueryCollection(QueryHelpers.ParseQuery(queryString)), out error);

    [Theory]
    [InlineData("", 100)]
    [InlineData("?limit=5", 5)]
    [InlineData("?limit=500", 500)]
    [InlineData("?limit=501", 500)]
    [InlineData("?limit=0", 100)]
    [InlineData("?limit=-3", 100)]
    [InlineData("?limit=abc", 100)]
    [InlineData("?limit=%2B7", 7)]
    [InlineData("?limit=+7", 100)]
    public void Limit_defaults_to_100_and_is_capped_at_500(string query, int expected) =>
        Parse(query, out _)!.Limit.ShouldBe(expected);

    [Theory]
    [InlineData("?source=canvas", "Canvas")]
    [InlineData("?source=agent", "Agent")]
    [InlineData("?source=", "Any")]
    public void Source_is_canvas_agent_or_anything(string query, string expected) =>
        Parse(query, out _)!.Source.ToString().ShouldBe(expected);

    [Theory]
    [InlineData("?source=bogus", "source must be 'canvas' or 'agent'")]
    [InlineData("?source=Canvas", "source must be 'canvas' or 'agent'")]
    [InlineData("?since_secs=abc", "since_secs must be a non-negative integer")]
    [InlineData("?since_secs=-5", "since_secs must be a non-negative integer")]
    [InlineData("?peer_id=nope", "peer_id must be a valid UUID")]
    [InlineData("?before_ts=yesterday", "before_ts must be an RFC3339 timestamp")]
    public void Unusable_values_are_refused_with_their_own_text(string query, string expected)
    {
        Parse(query, out var error).ShouldBeNull();
        error.ShouldBe(expected);
    }

    [Fact]
    public void Stream_readers_get_oldest_first_and_listings_newest_first()
    {
        Parse("?since_id=00000000-0000-0000-0000-000000000000", out _)!.Ascending.ShouldBeTrue();
        Parse("?since_secs=30", out _)!.Ascending.ShouldBeTrue();
        Parse("?type=a2a_receive&limit=5", out _)!.Ascending.ShouldBeFalse();
        Parse("?before_ts=2026-04-27T10:00:00Z", out _)!.Ascending.ShouldBeFalse();
    }

    [Fact]
    public void The_sdk_filters_are_read()
    {
        var peer = Guid.NewGuid();
        var query = Parse($"?type=a2a_receive&peer_id={peer}&before_ts=2026-04-27T10:00:00.5%2B02:00&since_id=abc", out _)!;

        query.Type.ShouldBe("a2a_receive");
        query.PeerId.ShouldBe(peer);
        query.Before.ShouldBe(new DateTimeOffset(2026, 4, 27, 8, 0, 0, 500, TimeSpan.Zero));
        query.SinceId.ShouldBe("abc");
    }
}
