using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;

namespace Molecule.Testing.Aws;

/// <summary>
/// The form parameters of one EC2 Query request (protocols.md §3.1), with the flattened list and
/// structure conventions: <c>Name.1</c>, <c>Name.2</c> … and <c>Name.N.Member</c>.
/// </summary>
internal sealed class Ec2QueryParameters
{
    private readonly Dictionary<string, string> _values;

    private Ec2QueryParameters(Dictionary<string, string> values) => _values = values;

    public static Ec2QueryParameters Parse(string formBody) =>
        new(QueryHelpers.ParseQuery(formBody).ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal));

    public IEnumerable<string> Names => _values.Keys;

    public string? Get(string name) => _values.TryGetValue(name, out var value) ? value : null;

    public string Required(string name) =>
        Get(name) is { Length: > 0 } value ? value : throw FakeEc2.Error("MissingParameter", $"The request must contain the parameter {name}");

    public int? GetInt(string name)
    {
        var text = Get(name);
        if (text is null)
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw FakeEc2.Error("InvalidParameterValue", $"Value ({text}) for parameter {name} is invalid. It must be an integer.");
    }

    public bool? GetBool(string name) => Get(name) is { } text ? text.Equals("true", StringComparison.OrdinalIgnoreCase) : null;

    /// <summary>The values of <c>prefix.1</c>, <c>prefix.2</c> …, in index order.</summary>
    public List<string> List(string prefix) => [.. Indices(prefix).Select(i => Get($"{prefix}.{i}")).OfType<string>()];

    /// <summary>The structures <c>prefix.N.*</c>, each with its member names relative to <c>prefix.N.</c>.</summary>
    public List<Ec2QueryParameters> Structs(string prefix) => [.. Indices(prefix).Select(i => Sub($"{prefix}.{i}"))];

    /// <summary>The members under <c>prefix.</c> (e.g. <c>IamInstanceProfile.Name</c> → <c>Name</c>).</summary>
    public Ec2QueryParameters Sub(string prefix)
    {
        var start = prefix + ".";
        return new(_values.Where(p => p.Key.StartsWith(start, StringComparison.Ordinal))
            .ToDictionary(p => p.Key[start.Length..], p => p.Value, StringComparer.Ordinal));
    }

    /// <summary>The <c>Filter.N.Name</c> / <c>Filter.N.Value.M</c> pairs.</summary>
    public List<(string Name, List<string> Values)> Filters() =>
        [.. Structs("Filter").Select(f => (f.Required("Name"), f.List("Value")))];

    private IEnumerable<int> Indices(string prefix)
    {
        var start = prefix + ".";
        return _values.Keys
            .Where(k => k.StartsWith(start, StringComparison.Ordinal))
            .Select(k => k[start.Length..].Split('.')[0])
            .Select(s => int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : -1)
            .Where(i => i >= 1)
            .Distinct()
            .Order();
    }
}
