using System.Text;
using System.Text.Json.Nodes;
using Molecule.Events.Bus;

namespace Molecule.Tests.Events;

public sealed class EventWireFormatTests
{
    private static readonly Guid Workspace = Guid.Parse("6f1c1a52-3c2d-4a8e-9d3e-0b9f2f0c1a11");

    [Fact]
    public void WebSocket_frame_is_compact_json_in_the_reference_key_order()
    {
        var envelope = EventEnvelope.Create(
            "WORKSPACE_ONLINE",
            Workspace,
            new DateTimeOffset(2026, 4, 27, 10, 0, 0, TimeSpan.Zero).AddTicks(1_234_560),
            new JsonObject { ["url"] = "http://agent:8000", ["agent_card"] = new JsonObject { ["name"] = "Ünïcode — ok" } });

        Encoding.UTF8.GetString(envelope.WebSocketFrame.Span).ShouldBe(
            """{"event":"WORKSPACE_ONLINE","workspace_id":"6f1c1a52-3c2d-4a8e-9d3e-0b9f2f0c1a11","timestamp":"2026-04-27T10:00:00.123456Z","payload":{"url":"http://agent:8000","agent_card":{"name":"Ünïcode — ok"}}}""");
    }

    [Fact]
    public void WebSocket_frame_of_a_platform_wide_event_has_an_empty_workspace_id()
    {
        var envelope = EventEnvelope.Create("WORKSPACE_OFFLINE", null, DateTimeOffset.UnixEpoch, []);

        Encoding.UTF8.GetString(envelope.WebSocketFrame.Span).ShouldBe(
            """{"event":"WORKSPACE_OFFLINE","workspace_id":"","timestamp":"1970-01-01T00:00:00Z","payload":{}}""");
    }

    [Theory]
    [InlineData(0, "2026-04-27T10:00:00Z")]
    [InlineData(5_000_000, "2026-04-27T10:00:00.5Z")]
    [InlineData(1_000, "2026-04-27T10:00:00.0001Z")]
    [InlineData(1, "2026-04-27T10:00:00.0000001Z")]
    public void Timestamps_are_rfc3339_nano_with_trailing_zeros_trimmed(long ticks, string expected) =>
        EventWireFormat.Rfc3339Nano(new DateTimeOffset(2026, 4, 27, 10, 0, 0, TimeSpan.Zero).AddTicks(ticks)).ShouldBe(expected);

    [Fact]
    public void Timestamps_with_an_offset_are_written_in_utc()
    {
        var envelope = EventEnvelope.Create("X", Workspace, new DateTimeOffset(2026, 4, 27, 12, 30, 0, TimeSpan.FromHours(2)), []);

        envelope.Timestamp.Offset.ShouldBe(TimeSpan.Zero);
        Encoding.UTF8.GetString(envelope.WebSocketFrame.Span).ShouldContain("\"timestamp\":\"2026-04-27T10:30:00Z\"");
    }

    [Fact]
    public void Server_sent_event_is_a_data_line_with_unix_milliseconds_and_a_blank_line()
    {
        var envelope = EventEnvelope.Create(
            "TASK_UPDATED",
            Workspace,
            DateTimeOffset.FromUnixTimeMilliseconds(1_777_284_000_123),
            new JsonObject { ["current_task"] = "build", ["active_tasks"] = 2 });

        Encoding.UTF8.GetString(envelope.ServerSentEvent.Span).ShouldBe(
            "data: {\"type\":\"TASK_UPDATED\",\"timestamp\":1777284000123,\"data\":{\"current_task\":\"build\",\"active_tasks\":2}}\n\n");
    }

    [Fact]
    public void Each_wire_form_is_built_once_and_shared()
    {
        var envelope = EventEnvelope.Create("X", Workspace, DateTimeOffset.UnixEpoch, new JsonObject { ["a"] = 1 });

        envelope.WebSocketFrame.ShouldBe(envelope.WebSocketFrame); // same memory, not just equal bytes
        envelope.ServerSentEvent.ShouldBe(envelope.ServerSentEvent);
        envelope.WorkspaceEvent.ShouldBeSameAs(envelope.WorkspaceEvent);
    }

    [Fact]
    public void Payload_is_captured_at_publish_so_later_changes_to_the_object_do_not_leak()
    {
        var payload = new JsonObject { ["status"] = "before" };
        var envelope = EventEnvelope.Create("X", Workspace, DateTimeOffset.UnixEpoch, payload);

        payload["status"] = "after";

        Encoding.UTF8.GetString(envelope.WebSocketFrame.Span).ShouldContain("\"payload\":{\"status\":\"before\"}");
        envelope.WorkspaceEvent.Payload.GetProperty("status").GetString().ShouldBe("before");
    }
}
