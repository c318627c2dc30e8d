using System.Text.Json;
using System.Text.Json.Serialization;

namespace Molecule.Aws.Json;

/// <summary>AWS JSON 1.1 timestamps: epoch seconds as a JSON number, possibly fractional (protocols.md §4.1).</summary>
internal sealed class EpochSecondsConverter : JsonConverter<DateTime>
{
    public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.Number => DateTime.UnixEpoch.AddTicks((long)(reader.GetDouble() * TimeSpan.TicksPerSecond)),
            JsonTokenType.String when DateTime.TryParse(reader.GetString(), System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal, out var parsed) => parsed,
            _ => throw new JsonException("an AWS timestamp must be epoch seconds"),
        };

    public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options) =>
        writer.WriteNumberValue((value.ToUniversalTime() - DateTime.UnixEpoch).Ticks / (double)TimeSpan.TicksPerSecond);
}
