using System.Text.Json.Nodes;
using Molecule.A2A.Activity.Report;

namespace Molecule.Tests.Activity;

public sealed class ReportActivityRequestTests
{
    private static readonly Guid Workspace = Guid.NewGuid();

    private static ReportActivityRequest.Parsed Parse(string json) =>
        ReportActivityRequest.Parse(JsonNode.Parse(json) as JsonObject, Workspace);

    [Theory]
    [InlineData("""{}""")]
    [InlineData("""{"activity_type":""}""")]
    [InlineData("""{"activity_type":5}""")]
    [InlineData("""{"activity_type":"agent_log","method":1}""")]
    [InlineData("""{"activity_type":"agent_log","duration_ms":"5"}""")]
    [InlineData("""{"activity_type":"agent_log","duration_ms":1.5}""")]
    [InlineData("""[1,2]""")]
    public void Bind_failures_are_invalid_request_body(string json)
    {
        var parsed = Parse(json);
        parsed.Status.ShouldBe(400);
        parsed.Error.ShouldBe("invalid request body");
    }

    [Fact]
    public void Unknown_types_list_the_allowed_ones() =>
        Parse("""{"activity_type":"delegation"}""").Error.ShouldBe(
            "invalid activity_type, must be one of: a2a_send, a2a_receive, task_update, agent_log, skill_promotion, memory_write, error");

    [Fact]
    public void Another_workspace_as_source_is_forbidden()
    {
        var parsed = Parse($$"""{"activity_type":"agent_log","source_id":"{{Guid.NewGuid()}}"}""");
        parsed.Status.ShouldBe(403);
        parsed.Error.ShouldBe("source_id must match authenticated workspace");
    }

    [Fact]
    public void Defaults_fill_in_the_source_status_and_empty_fields()
    {
        var request = Parse("""{"activity_type":"agent_log","method":"","summary":"did it","duration_ms":null,"metadata":{"k":1}}""").Request!;

        request.SourceId.ShouldBe(Workspace);
        request.Status.ShouldBe("ok");
        request.Method.ShouldBeNull();
        request.Summary.ShouldBe("did it");
        request.DurationMs.ShouldBeNull();
        request.RequestBody!.ToJsonString().ShouldBe("""{"k":1}""");
    }

    [Fact]
    public void Request_body_wins_over_metadata_and_the_own_id_is_a_valid_source()
    {
        var request = Parse($$"""{"activity_type":"task_update","source_id":"{{Workspace}}","request_body":[1],"metadata":{"k":1},"status":"error","duration_ms":42}""").Request!;

        request.RequestBody!.ToJsonString().ShouldBe("[1]");
        request.Status.ShouldBe("error");
        request.DurationMs.ShouldBe(42);
    }

    [Fact]
    public void A_target_that_is_not_a_uuid_is_refused_rather_than_lost() =>
        Parse("""{"activity_type":"a2a_send","target_id":"peer"}""").Error.ShouldBe("target_id must be a valid UUID");
}
