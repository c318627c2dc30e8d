using System.Text.Json;

namespace Molecule.A2A.Activity;

/// <summary>Writing activity columns the way the reference renders them.</summary>
internal static class ActivityJson
{
    /// <summary>Writes <paramref name="name"/> with the value or JSON null.</summary>
    public static void WriteNullable(this Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }

    public static void WriteNullable(this Utf8JsonWriter writer, string name, Guid? value)
    {
        if (value is { } id)
        {
            writer.WriteString(name, id);
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    public static void WriteNullable(this Utf8JsonWriter writer, string name, int? value)
    {
        if (value is { } number)
        {
            writer.WriteNumber(name, number);
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    /// <summary>UTC timestamps as RFC 3339 with trailing fractional zeros trimmed (what System.Text.Json writes).</summary>
    public static void WriteTimestamp(this Utf8JsonWriter writer, string name, DateTime? value)
    {
        if (value is { } timestamp)
        {
            writer.WriteString(name, DateTime.SpecifyKind(timestamp, DateTimeKind.Utc));
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    /// <summary>
    /// A stored JSONB column re-emitted compact (Postgres renders jsonb text with spaces); the key is
    /// left out when the column is SQL NULL.
    /// </summary>
    public static void WriteRawJsonIfPresent(this Utf8JsonWriter writer, string name, string? json)
    {
        if (json is null)
        {
            return;
        }

        writer.WritePropertyName(name);
        using var document = JsonDocument.Parse(json);
        document.RootElement.WriteTo(writer);
    }
}
