using System.Buffers;
using System.Text;

namespace Molecule.Workspaces.Rules;

/// <summary>
/// What a workspace name, role, model or runtime may contain. Lengths are counted in UTF-8 bytes,
/// as the reference does. Beyond the reference's CR/LF rule, every control character is refused:
/// they break the canvas, logs and (NUL) Postgres text columns.
/// </summary>
internal static class WorkspaceFieldRules
{
    public const int MaxNameBytes = 255;
    public const int MaxRoleBytes = 1000;
    public const int MaxModelBytes = 100;
    public const int MaxRuntimeBytes = 100;

    // Characters the canvas and generated YAML give meaning to.
    private static readonly SearchValues<char> Specials = SearchValues.Create("{}[]|>*&!");

    public static string? CheckName(string value) => Check("name", value, MaxNameBytes, forbidSpecials: true);

    public static string? CheckRole(string value) => Check("role", value, MaxRoleBytes, forbidSpecials: true);

    public static string? CheckModel(string value) => Check("model", value, MaxModelBytes, forbidSpecials: false);

    public static string? CheckRuntime(string value) => Check("runtime", value, MaxRuntimeBytes, forbidSpecials: false);

    /// <summary>The reference's error text for the first rule <paramref name="value"/> breaks, or null.</summary>
    private static string? Check(string field, string value, int maxBytes, bool forbidSpecials)
    {
        if (value.AsSpan().IndexOfAny('\r', '\n') >= 0)
        {
            return $"{field} must not contain newline characters";
        }

        if ((forbidSpecials && value.AsSpan().IndexOfAny(Specials) >= 0) || value.Any(char.IsControl))
        {
            return $"{field} contains invalid characters";
        }

        return Encoding.UTF8.GetByteCount(value) > maxBytes ? $"{field} must be at most {maxBytes} characters" : null;
    }
}
