using System.Text.Json.Nodes;
using Molecule.A2A.Delegation.Delegate;

namespace Molecule.Tests.Delegation;

public sealed class DelegateRequestTests
{
    private static readonly Guid Source = Guid.NewGuid();

    private static DelegateRequest? Parse(string json, out string? error) =>
        DelegateRequest.Parse(JsonNode.Parse(json) as JsonObject, Source, out error);

    [Theory]
    [InlineData("""{}""", "invalid delegation request")]
    [InlineData("""{"target_id":"x"}""", "invalid delegation request")]
    [InlineData("""{"task":"x"}""", "invalid delegation request")]
    [InlineData("""{"target_id":1,"task":"x"}""", "invalid delegation request")]
    [InlineData("""{"target_id":"x","task":"y","idempotency_key":3}""", "invalid delegation request")]
    [InlineData("""{"target_id":"not-a-uuid","task":"y"}""", "target_id must be a valid UUID")]
    public void Bad_bodies_get_the_reference_texts(string json, string expected)
    {
        Parse(json, out var error).ShouldBeNull();
        error.ShouldBe(expected);
    }

    [Fact]
    public void Delegating_to_oneself_is_refused()
    {
        Parse($$"""{"target_id":"{{Source}}","task":"loop"}""", out var error).ShouldBeNull();
        error.ShouldBe("self-delegation not permitted");
    }

    [Fact]
    public void An_empty_idempotency_key_means_none()
    {
        var target = Guid.NewGuid();
        var request = Parse($$"""{"target_id":"{{target}}","task":"do it","idempotency_key":""}""", out _)!;

        request.ShouldBe(new DelegateRequest(target, "do it", null));
    }

    [Fact]
    public void The_message_carries_the_delegation_id_as_message_id()
    {
        var id = Guid.NewGuid();
        var message = new DelegationTask(id, Source, Guid.NewGuid(), "summarise").Message();

        message["method"]!.GetValue<string>().ShouldBe("message/send");
        message["params"]!["message"]!["messageId"]!.GetValue<string>().ShouldBe(id.ToString());
        message["params"]!["message"]!["parts"]![0]!["text"]!.GetValue<string>().ShouldBe("summarise");
    }
}
