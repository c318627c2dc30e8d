using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Molecule.Testing;

namespace Molecule.IntegrationTests.Host;

public sealed class RateLimitTests
{
    [Fact]
    public async Task The_request_over_the_limit_answers_429_with_retry_after()
    {
        await using var app = await MoleculeApp.StartAsync(new Dictionary<string, string?> { ["RATE_LIMIT"] = "3" });
        var client = app.Client();

        var remaining = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var allowed = await client.GetAsync("/health");
            allowed.StatusCode.ShouldBe(HttpStatusCode.OK);
            Header(allowed, "X-RateLimit-Limit").ShouldBe("3");
            Header(allowed, "X-RateLimit-Reset").ShouldNotBeEmpty();
            remaining.Add(Header(allowed, "X-RateLimit-Remaining"));
        }

        var refused = await client.GetAsync("/health");

        remaining.ShouldBe(["2", "1", "0"]);
        refused.StatusCode.ShouldBe((HttpStatusCode)429);
        var retryAfter = int.Parse(Header(refused, "Retry-After"), CultureInfo.InvariantCulture);
        retryAfter.ShouldBeInRange(1, 60);
        Header(refused, "X-RateLimit-Remaining").ShouldBe("0");
        var body = JsonNode.Parse(await refused.Content.ReadAsStringAsync())!;
        body["error"]!.GetValue<string>().ShouldBe("rate limit exceeded");
        body["retry_after"]!.GetValue<int>().ShouldBe(retryAfter);
    }

    [Fact]
    public async Task Unknown_paths_and_metrics_count_against_the_limit_too()
    {
        await using var app = await MoleculeApp.StartAsync(new Dictionary<string, string?> { ["RATE_LIMIT"] = "2" });
        var client = app.Client();

        (await client.GetAsync("/metrics")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetAsync("/no/such/path")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await client.GetAsync("/metrics")).StatusCode.ShouldBe((HttpStatusCode)429);
    }

    [Fact]
    public async Task A_routes_own_limiter_reports_its_headers_instead_of_the_global_ones()
    {
        await using var app = await MoleculeApp.StartAsync(new Dictionary<string, string?>());

        // POST /org/tokens carries the reference's extra 10-per-hour limiter.
        var response = await app.Client().PostAsync("/org/tokens", new StringContent("{}"));

        Header(response, "X-RateLimit-Limit").ShouldBe("10");
    }

    [Fact]
    public async Task Dev_mode_is_unlimited()
    {
        await using var app = await MoleculeApp.StartAsync(new Dictionary<string, string?>
        {
            ["RATE_LIMIT"] = "1",
            ["MOLECULE_ENV"] = "development",
        });
        var client = app.Client();

        var first = await client.GetAsync("/health");
        var second = await client.GetAsync("/health");

        second.StatusCode.ShouldBe(HttpStatusCode.OK);
        Header(first, "X-RateLimit-Limit").ShouldBe("unlimited");
        Header(second, "X-RateLimit-Limit").ShouldBe("unlimited");
        second.Headers.Contains("X-RateLimit-Remaining").ShouldBeFalse();
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : "";
}
