using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Molecule.Kernel.Http;

namespace Molecule.Events.Bus;

/// <summary>The exact bytes events are sent as (spec/api-contract.md §4.6).</summary>
internal static class EventWireFormat
{
    private static readonly byte[] SseDataPrefix = "data: "u8.ToArray();
    private static readonly byte[] SseRecordEnd = "\n\n"u8.ToArray();

    /// <summary>
    /// Go's RFC3339Nano in UTC: fractional seconds without trailing zeros (and no dot when they are
    /// all zero), then <c>Z</c>. .NET keeps 100 ns ticks, so at most seven digits appear.
    /// </summary>
    public static string Rfc3339Nano(DateTimeOffset timestamp) =>
        timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    public static byte[] SerializePayload(JsonObject payload) =>
        Write(writer => payload.WriteTo(writer));

    public static byte[] WebSocketFrame(EventEnvelope envelope) => Write(writer =>
    {
        writer.WriteStartObject();
        writer.WriteString("event", envelope.Event);
        // The reference's envelope holds the id as a Go string: "" for platform-wide events.
        writer.WriteString("workspace_id", envelope.WorkspaceId?.ToString() ?? "");
        writer.WriteString("timestamp", Rfc3339Nano(envelope.Timestamp));
        writer.WritePropertyName("payload");
        writer.WriteRawValue(envelope.Payload.Span, skipInputValidation: true);
        writer.WriteEndObject();
    });

    public static byte[] ServerSentEvent(EventEnvelope envelope)
    {
        var json = Write(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("type", envelope.Event);
            writer.WriteNumber("timestamp", envelope.Timestamp.ToUnixTimeMilliseconds());
            writer.WritePropertyName("data");
            writer.WriteRawValue(envelope.Payload.Span, skipInputValidation: true);
            writer.WriteEndObject();
        });
        return [.. SseDataPrefix, .. json, .. SseRecordEnd];
    }

    private static byte[] Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, MoleculeJson.WriterOptions))
        {
            write(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }
}
