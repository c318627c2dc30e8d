using System.Text;
using System.Text.Json.Nodes;
using Molecule.A2A.Delegation.Dispatch;
using Molecule.A2A.Proxy;

namespace Molecule.Tests.Delegation;

public sealed class AgentAnswerTests
{
    private static AgentAnswer From(string body, int status = 200, bool stream = false) =>
        AgentAnswer.From(new ProxyActivity(Guid.NewGuid(), "t", Guid.NewGuid(), "message/send", [],
            new RelayedResponse(status, Encoding.UTF8.GetBytes(body), stream, true), null, 1));

    [Theory]
    [InlineData("""{"result":{"kind":"message","parts":[{"kind":"text","text":"a"},{"kind":"text","text":"b"}]}}""", "a\nb")]
    [InlineData("""{"result":{"kind":"task","artifacts":[{"parts":[{"kind":"text","text":"report"}]}]}}""", "report")]
    [InlineData("""{"result":{"kind":"task","status":{"message":{"parts":[{"type":"text","text":"done"}]}}}}""", "done")]
    [InlineData("""{"result":"plain"}""", "plain")]
    public void The_text_of_an_a2a_result_is_found(string body, string expected) =>
        From(body).Text.ShouldBe(expected);

    [Fact]
    public void A_result_without_text_is_kept_as_json() =>
        From("""{"result":{"kind":"task","id":"t1"}}""").Text.ShouldBe("""{"result":{"kind":"task","id":"t1"}}""");

    [Fact]
    public void A_json_rpc_error_is_a_failure_with_its_message()
    {
        var answer = From("""{"jsonrpc":"2.0","error":{"code":-32601,"message":"Method not found"}}""");
        answer.Text.ShouldBeNull();
        answer.Error.ShouldBe("Method not found");
    }

    [Fact]
    public void A_json_rpc_error_without_a_message_is_reported_as_sent() =>
        From("""{"error":"boom"}""").Error.ShouldBe("\"boom\"");

    [Fact]
    public void An_error_status_is_a_failure_with_the_agents_error_text() =>
        From("""{"error":"overloaded"}""", 429).Error.ShouldBe("agent answered 429: overloaded");

    [Fact]
    public void The_last_json_event_of_a_stream_is_the_answer() =>
        From("data: {\"result\":{\"parts\":[{\"kind\":\"text\",\"text\":\"par\"}]}}\n\ndata: {\"result\":{\"parts\":[{\"kind\":\"text\",\"text\":\"final\"}]}}\n\n", stream: true)
            .Text.ShouldBe("final");

    [Fact]
    public void Extract_finds_nothing_in_non_objects() =>
        AgentAnswer.Extract(JsonNode.Parse("[1]")).ShouldBeNull();
}
