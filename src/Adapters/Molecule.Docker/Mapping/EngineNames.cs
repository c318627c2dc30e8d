namespace Molecule.Docker.Mapping;

/// <summary>
/// Guards the names and ids that become one segment of an engine URL. The library pastes them into
/// the path as they are, so a separator would address another route.
/// </summary>
internal static class EngineNames
{
    private static readonly char[] PathSeparators = ['/', '?', '#', '%', '\\'];

    public static string Segment(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        if (value is "." or ".." || value.IndexOfAny(PathSeparators) >= 0)
        {
            throw new ArgumentException($"\"{value}\" is not a container, volume or exec name", nameof(value));
        }

        return value;
    }

    /// <summary>Image references keep their slashes, colons and @ (<c>ghcr.io/acme/ws:1</c>): the engine routes on <c>{name:.*}</c>.</summary>
    public static string Image(string reference)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reference);
        if (reference.IndexOfAny(['?', '#', '%', '\\']) >= 0)
        {
            throw new ArgumentException($"\"{reference}\" is not an image reference", nameof(reference));
        }

        return reference;
    }

    /// <summary>The engine's map filter form: <c>{"label": {"a=b": true}}</c>.</summary>
    public static IDictionary<string, IDictionary<string, bool>> Filters(params (string Key, IEnumerable<string>? Values)[] filters)
    {
        var result = new Dictionary<string, IDictionary<string, bool>>(StringComparer.Ordinal);
        foreach (var (key, values) in filters)
        {
            var set = new Dictionary<string, bool>(StringComparer.Ordinal);
            foreach (var value in values ?? [])
            {
                set[value] = true;
            }

            if (set.Count > 0)
            {
                result[key] = set;
            }
        }

        return result;
    }
}
