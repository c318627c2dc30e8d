using System.Text.Json.Nodes;
using Molecule.A2A.Activity.Notify;

namespace Molecule.Tests.Activity;

public sealed class NotifyRequestTests
{
    private static NotifyRequest? Parse(string json, out string? error) =>
        NotifyRequest.Parse(JsonNode.Parse(json) as JsonObject, out error);

    [Theory]
    [InlineData("""{}""")]
    [InlineData("""{"message":""}""")]
    [InlineData("""{"message":7}""")]
    [InlineData("""{"message":"hi","attachments":{}}""")]
    [InlineData("""{"message":"hi","attachments":[{"uri":"a","name":"b","size":"big"}]}""")]
    [InlineData("""{"type":"delegation_complete","task_id":"t"}""")]
    public void Any_bind_failure_is_message_is_required(string json)
    {
        Parse(json, out var error).ShouldBeNull();
        error.ShouldBe("message is required");
    }

    [Fact]
    public void The_first_incomplete_attachment_is_named()
    {
        Parse("""{"message":"hi","attachments":[{"uri":"u","name":"n"},{"uri":"","name":"n"},{"name":"x"}]}""", out var error).ShouldBeNull();
        error.ShouldBe("attachment[1]: uri and name are required");
    }

    [Fact]
    public void The_summary_is_cut_at_80_bytes_with_an_ellipsis()
    {
        Parse($$"""{"message":"{{new string('x', 81)}}"}""", out _)!.Summary.ShouldBe("Agent message: " + new string('x', 80) + "…");
        Parse("""{"message":"short"}""", out _)!.Summary.ShouldBe("Agent message: short");
    }

    [Fact]
    public void Attachments_drop_empty_mime_types_and_zero_sizes()
    {
        var request = Parse("""{"message":"files","attachments":[{"uri":"workspace:/a.txt","name":"a.txt","mimeType":"","size":0},{"uri":"u","name":"b","mimeType":"text/plain","size":12}]}""", out _)!;

        request.ResponseBody().ToJsonString().ShouldBe(
            """{"result":"files","parts":[{"kind":"file","file":{"uri":"workspace:/a.txt","name":"a.txt"}},{"kind":"file","file":{"uri":"u","name":"b","mimeType":"text/plain","size":12}}]}""");
        request.EventPayload(Guid.Empty, "ws")["attachments"]!.AsArray().Count.ShouldBe(2);
    }

    [Fact]
    public void No_attachments_means_no_parts_and_no_attachments_key()
    {
        var request = Parse("""{"message":"hi","attachments":[]}""", out _)!;

        request.ResponseBody().ToJsonString().ShouldBe("""{"result":"hi"}""");
        request.EventPayload(Guid.Empty, "ws").ContainsKey("attachments").ShouldBeFalse();
    }
}
