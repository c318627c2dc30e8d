using System.Text;
using System.Text.Json.Nodes;
using Molecule.A2A.Proxy;

namespace Molecule.Tests.A2A;

public sealed class ProxyActivityTests
{
    private static ProxyActivity With(string body, bool stream = false, int status = 200, string? error = null) =>
        new(Guid.NewGuid(), "target", null, "message/send", [], new RelayedResponse(status, Encoding.UTF8.GetBytes(body), stream, true), error, 5);

    [Fact]
    public void A_json_answer_is_logged_as_json_and_its_usage_read()
    {
        var activity = With("""{"jsonrpc":"2.0","result":{"usage":{"input_tokens":10,"output_tokens":3},"metadata":{"tool_trace":[{"tool":"ls"}]}}}""");
        var json = activity.ResponseJson();

        ProxyActivity.Usage(json).ShouldBe((10L, 3L));
        ProxyActivity.ToolTrace(json)!.ToJsonString().ShouldBe("""[{"tool":"ls"}]""");
        activity.Summary.ShouldBe("message/send → target");
        activity.Succeeded.ShouldBeTrue();
    }

    [Fact]
    public void Top_level_usage_and_openai_names_are_understood()
    {
        ProxyActivity.Usage(JsonNode.Parse("""{"usage":{"prompt_tokens":4,"completion_tokens":2}}""")).ShouldBe((4L, 2L));
        ProxyActivity.Usage(JsonNode.Parse("""{"result":{}}""")).ShouldBeNull();
    }

    [Fact]
    public void A_streamed_answer_is_logged_as_its_last_json_event()
    {
        var activity = With("data: {\"n\":1}\n\ndata: not json\n\ndata: {\"n\":2}\n\n", stream: true);

        activity.ResponseJson()!.ToJsonString().ShouldBe("""{"n":2}""");
    }

    [Fact]
    public void A_non_json_answer_is_logged_as_null()
    {
        With("plain text").ResponseJson().ShouldBeNull();
    }

    [Fact]
    public void Failures_carry_the_reference_summary()
    {
        var activity = new ProxyActivity(Guid.NewGuid(), "target", null, "message/send", [], null, "connection refused", 1);

        activity.Succeeded.ShouldBeFalse();
        activity.Summary.ShouldBe("A2A request to target failed: connection refused");
    }

    [Fact]
    public void Agent_errors_keep_the_agents_text_or_fall_back_to_the_status_text()
    {
        ResponseRelay.ErrorText(Encoding.UTF8.GetBytes("""{"error":"model overloaded"}"""), 503).ShouldBe("model overloaded");
        ResponseRelay.ErrorText(Encoding.UTF8.GetBytes("<html>"), 404).ShouldBe("Not Found");
        ResponseRelay.ErrorText([], 500).ShouldBe("Internal Server Error");
    }
}
