using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace Molecule.Plugins.Sources;

/// <summary><c>owner/repo[#ref]</c> of a <c>github://</c> source; the plugin is named after the repo.</summary>
internal sealed partial record GithubSpec(string Owner, string Repo, string? Ref)
{
    /// <summary>A spec without <c>#</c> follows whatever the default branch is at fetch time.</summary>
    public static bool IsPinned(string spec) => spec.Contains('#', StringComparison.Ordinal);

    public static bool TryParse(string spec, [NotNullWhen(true)] out GithubSpec? parsed)
    {
        parsed = null;
        var hash = spec.IndexOf('#', StringComparison.Ordinal);
        var path = hash < 0 ? spec : spec[..hash];
        var reference = hash < 0 ? null : spec[(hash + 1)..];
        var parts = path.Split('/');
        if (parts.Length != 2 || !NamePattern().IsMatch(parts[0]) || !NamePattern().IsMatch(parts[1]))
        {
            return false;
        }

        // A ".." segment would climb the download URL's path.
        if (reference is not null && (!RefPattern().IsMatch(reference) || reference.Split('/').Any(segment => segment is "." or "..")))
        {
            return false;
        }

        parsed = new GithubSpec(parts[0], parts[1], reference);
        return true;
    }

    /// <summary>The tarball URL under <paramref name="baseUrl"/>; no ref means the default branch (<c>HEAD</c>).</summary>
    public Uri TarballUrl(string baseUrl) => new($"{baseUrl.TrimEnd('/')}/{Owner}/{Repo}/tar.gz/{Ref ?? "HEAD"}");

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$")]
    private static partial Regex NamePattern();

    [GeneratedRegex("^[A-Za-z0-9_.][A-Za-z0-9_./-]{0,254}$")]
    private static partial Regex RefPattern();
}
