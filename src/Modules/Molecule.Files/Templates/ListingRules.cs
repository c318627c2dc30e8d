namespace Molecule.Files.Templates;

/// <summary>What a listing leaves out, in a container and in a template directory alike.</summary>
internal static class ListingRules
{
    public const int MinDepth = 1;
    public const int MaxDepth = 5;
    public const int DefaultDepth = 1;

    public const string InvalidDepth = "depth must be 1-5";

    /// <summary>Never listed, nor anything under them.</summary>
    public static readonly IReadOnlyList<string> SkippedNames = [".git", "__pycache__", "node_modules", ".DS_Store"];

    /// <summary>An absent or empty depth is 1; otherwise an integer from 1 to 5.</summary>
    public static bool TryParseDepth(string? value, out int depth)
    {
        if (string.IsNullOrEmpty(value))
        {
            depth = DefaultDepth;
            return true;
        }

        return int.TryParse(value, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out depth)
            && depth is >= MinDepth and <= MaxDepth;
    }
}
