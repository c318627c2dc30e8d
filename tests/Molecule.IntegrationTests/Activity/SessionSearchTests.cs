using System.Net;
using Molecule.Testing;

namespace Molecule.IntegrationTests.Activity;

public sealed class SessionSearchTests(ActivityApp app) : IClassFixture<ActivityApp>
{
    [Fact]
    public async Task Activity_and_memories_are_searched_case_insensitively_newest_first()
    {
        var ws = await app.SeedWorkspaceAsync("searcher");
        var other = await app.SeedWorkspaceAsync("other");
        var activity = await app.AddActivityAsync(ws, "agent_log", source: ws, method: "deploy", summary: "Deployed the API",
            requestBody: """{"target": "prod"}""", createdAt: DateTimeOffset.UtcNow.AddMinutes(-5));
        await app.AddActivityAsync(ws, "agent_log", summary: "unrelated");
        await app.AddActivityAsync(other, "agent_log", summary: "deployed elsewhere");
        var memory = await app.AddMemoryAsync(ws, "Remember: DEPLOY on Fridays is forbidden");

        var hits = await app.Admin().ArrayAsync($"/workspaces/{ws}/session-search?q=deploy");

        hits.Ids().ShouldBe([memory.ToString(), activity.ToString()]);
        var mem = hits[0]!.AsObject();
        mem["kind"]!.GetValue<string>().ShouldBe("memory");
        mem["label"]!.GetValue<string>().ShouldBe("LOCAL");
        mem["content"]!.GetValue<string>().ShouldBe("Remember: DEPLOY on Fridays is forbidden");
        mem["method"]!.GetValue<string>().ShouldBe("");
        mem.ContainsKey("request_body").ShouldBeFalse();
        var act = hits[1]!.AsObject();
        act["kind"]!.GetValue<string>().ShouldBe("activity");
        act["workspace_id"]!.GetValue<string>().ShouldBe(ws.ToString());
        act["label"]!.GetValue<string>().ShouldBe("agent_log");
        act["content"]!.GetValue<string>().ShouldBe("Deployed the API");
        act["method"]!.GetValue<string>().ShouldBe("deploy");
        act["status"]!.GetValue<string>().ShouldBe("ok");
        act["request_body"]!.ToJsonString().ShouldBe("""{"target":"prod"}""");
        act["created_at"]!.GetValue<string>().ShouldEndWith("Z");
    }

    [Fact]
    public async Task Wildcards_in_the_query_match_only_themselves()
    {
        var ws = await app.SeedWorkspaceAsync("literal");
        var percent = await app.AddActivityAsync(ws, "agent_log", summary: "coverage at 100% now");
        await app.AddActivityAsync(ws, "agent_log", summary: "coverage at 1000 now");
        var underscore = await app.AddMemoryAsync(ws, "use snake_case");
        await app.AddMemoryAsync(ws, "use snakeXcase");

        (await app.Admin().ArrayAsync($"/workspaces/{ws}/session-search?q={Uri.EscapeDataString("100%")}")).Ids().ShouldBe([percent.ToString()]);
        (await app.Admin().ArrayAsync($"/workspaces/{ws}/session-search?q=snake_case")).Ids().ShouldBe([underscore.ToString()]);
    }

    [Fact]
    public async Task Limit_defaults_to_50_caps_at_200_and_no_query_lists_everything()
    {
        var ws = await app.SeedWorkspaceAsync("many");
        await app.ExecuteSqlAsync(
            $"INSERT INTO activity_logs (workspace_id, activity_type, summary) SELECT '{ws}', 'agent_log', 'row ' || n FROM generate_series(1, 210) n");

        (await app.Admin().ArrayAsync($"/workspaces/{ws}/session-search")).Count.ShouldBe(50);
        (await app.Admin().ArrayAsync($"/workspaces/{ws}/session-search?q=row&limit=500")).Count.ShouldBe(200);
        (await app.Admin().ArrayAsync($"/workspaces/{ws}/session-search?q=row&limit=3")).Count.ShouldBe(3);
        (await app.Admin().ArrayAsync($"/workspaces/{ws}/session-search?q=nothing-like-this")).Count.ShouldBe(0);
    }

    [Fact]
    public async Task A_non_uuid_workspace_is_a_400()
    {
        var response = await app.Admin().GetAsync("/workspaces/nope/session-search?q=x");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.ErrorAsync()).ShouldBe("invalid workspace ID");
    }
}
