using System.Globalization;
using System.Text;

namespace Molecule.Docker.Transport;

/// <summary>Builds an escaped query string; booleans go out as 1/0, which every engine version parses.</summary>
internal sealed class DockerQuery
{
    private readonly List<KeyValuePair<string, string>> _pairs = [];

    public DockerQuery Add(string name, string? value)
    {
        if (value is not null)
        {
            _pairs.Add(new(name, value));
        }

        return this;
    }

    public DockerQuery Add(string name, bool value) => Add(name, value ? "1" : "0");

    public DockerQuery Add(string name, long? value) =>
        value is { } number ? Add(name, number.ToString(CultureInfo.InvariantCulture)) : this;

    public override string ToString()
    {
        if (_pairs.Count == 0)
        {
            return "";
        }

        var builder = new StringBuilder();
        foreach (var (name, value) in _pairs)
        {
            builder.Append(builder.Length == 0 ? '?' : '&')
                .Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
        }

        return builder.ToString();
    }
}
