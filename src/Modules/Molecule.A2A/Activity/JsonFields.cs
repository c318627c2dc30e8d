using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Molecule.A2A.Activity;

/// <summary>
/// Reads typed fields from a request object the way Go's JSON binding does: an absent key or null is
/// the zero value, a value of the wrong JSON type is a bind failure.
/// </summary>
internal static class JsonFields
{
    /// <summary>A string field; false when present with another type.</summary>
    public static bool TryGetString(this JsonObject body, string key, out string value)
    {
        value = "";
        switch (body[key])
        {
            case null:
                return true;
            case JsonValue node when node.GetValueKind() == JsonValueKind.String:
                value = node.GetValue<string>();
                return true;
            default:
                return false;
        }
    }

    /// <summary>An integer field that fits <typeparamref name="T"/>; null when absent or JSON null.</summary>
    public static bool TryGetInteger<T>(this JsonObject body, string key, out T? value)
        where T : struct
    {
        value = null;
        switch (body[key])
        {
            case null:
                return true;
            case JsonValue node when node.GetValueKind() == JsonValueKind.Number && node.TryGetValue<T>(out var number):
                value = number;
                return true;
            default:
                return false;
        }
    }

    /// <summary>Any JSON value; null when absent or JSON null.</summary>
    public static JsonNode? GetAny(this JsonObject body, string key) => body[key]?.DeepClone();

    /// <summary>An array of objects; an empty list when absent or null.</summary>
    public static bool TryGetObjects(this JsonObject body, string key, [NotNullWhen(true)] out List<JsonObject>? items)
    {
        items = [];
        switch (body[key])
        {
            case null:
                return true;
            case JsonArray array:
                foreach (var item in array)
                {
                    if (item is not JsonObject obj)
                    {
                        items = null;
                        return false;
                    }

                    items.Add(obj);
                }

                return true;
            default:
                items = null;
                return false;
        }
    }
}
