using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace Molecule.Plugins.Sources;

/// <summary>Where a plugin comes from: <c>scheme://spec</c>. Answers report it in this normalised form.</summary>
internal sealed partial record PluginSource(string Scheme, string Spec)
{
    public const string Local = "local";
    public const string Github = "github";

    public override string ToString() => $"{Scheme}://{Spec}";

    /// <summary>
    /// Parses user input: trimmed; <c>scheme://spec</c> with a trimmed, non-empty spec; anything
    /// without a scheme is a local plugin name.
    /// </summary>
    public static bool TryParse(string raw, [NotNullWhen(true)] out PluginSource? source)
    {
        source = null;
        var trimmed = raw.Trim();
        var match = SchemePattern().Match(trimmed);
        if (!match.Success)
        {
            source = new PluginSource(Local, trimmed);
            return trimmed.Length > 0;
        }

        var spec = match.Groups[2].Value.Trim();
        if (spec.Length == 0)
        {
            return false;
        }

        source = new PluginSource(match.Groups[1].Value.ToLowerInvariant(), spec);
        return true;
    }

    [GeneratedRegex(@"^([a-zA-Z][a-zA-Z0-9+.\-]*)://(.*)$", RegexOptions.Singleline)]
    private static partial Regex SchemePattern();
}
