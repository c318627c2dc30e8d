namespace Molecule.Plugins.Naming;

/// <summary>
/// Plugin names become one path segment under <c>/configs/plugins</c> (and skill names one under
/// <c>/configs/skills</c>), so anything that could climb out of that directory or name it whole is refused.
/// </summary>
internal static class PluginNames
{
    /// <summary>Why <paramref name="name"/> cannot be a plugin name, or null when it can.</summary>
    public static string? Problem(string? name) => name switch
    {
        null or "" => "name is empty",
        "." => "name must not be '.'",
        _ when name.Contains('/') => "name must not contain '/'",
        _ when name.Contains('\\') => "name must not contain '\\'",
        _ when name.Contains("..", StringComparison.Ordinal) => "name must not contain '..'",
        _ when name.Any(char.IsControl) => "name must not contain control characters",
        _ => null,
    };

    public static bool IsValid(string? name) => Problem(name) is null;
}
