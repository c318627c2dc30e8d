namespace Molecule.A2A.Activity.SessionSearch;

/// <summary>Turns user text into an ILIKE "contains" pattern in which the text matches only itself.</summary>
internal static class LikePattern
{
    /// <summary><c>%</c> and <c>_</c> (and the escape character itself) are escaped with a backslash, Postgres's default LIKE escape.</summary>
    public static string Contains(string text) =>
        "%" + text.Replace(@"\", @"\\", StringComparison.Ordinal)
            .Replace("%", @"\%", StringComparison.Ordinal)
            .Replace("_", @"\_", StringComparison.Ordinal) + "%";
}
