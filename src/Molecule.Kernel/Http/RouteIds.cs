using System.Diagnostics.CodeAnalysis;

namespace Molecule.Kernel.Http;

/// <summary>UUID route values as the reference checks them.</summary>
public static class RouteIds
{
    /// <summary>Any UUID form Go's uuid.Parse accepts (hyphenated, any case).</summary>
    public static bool TryParse([NotNullWhen(true)] string? value, out Guid id) =>
        Guid.TryParseExact(value, "D", out id);

    /// <summary>The secrets handlers' stricter check: lowercase hyphenated only.</summary>
    public static bool TryParseLowercase([NotNullWhen(true)] string? value, out Guid id)
    {
        id = Guid.Empty;
        return value is not null && value == value.ToLowerInvariant() && Guid.TryParseExact(value, "D", out id);
    }
}
