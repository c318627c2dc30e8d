using Microsoft.Extensions.Options;
using Molecule.Kernel.Configuration;

namespace Molecule.Server.Configuration;

/// <summary>
/// Refuses to start on platform URLs and CORS origins that cannot work, rather than failing on the
/// first request that uses them. Module-specific rules belong to the module's own validator.
/// </summary>
internal sealed class PlatformOptionsValidator : IValidateOptions<PlatformOptions>
{
    public ValidateOptionsResult Validate(string? name, PlatformOptions options)
    {
        var failures = new List<string>();
        CheckUrl("PLATFORM_URL", options.PlatformUrl, failures);
        CheckUrl("EXTERNAL_PLATFORM_URL", options.ExternalPlatformUrl, failures);
        CheckUrl("CANVAS_PROXY_URL", options.CanvasProxyUrl, failures);
        foreach (var origin in options.CorsOriginList)
        {
            if (!IsOrigin(origin))
            {
                failures.Add($"CORS_ORIGINS entries must be origins like http://localhost:3000, without a path or wildcard (got '{origin}')");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckUrl(string variable, string? value, List<string> failures)
    {
        if (!string.IsNullOrEmpty(value) && !IsHttpUrl(value, out _))
        {
            failures.Add($"{variable} must be an absolute http or https URL (got '{value}')");
        }
    }

    private static bool IsHttpUrl(string value, out Uri uri) =>
        Uri.TryCreate(value, UriKind.Absolute, out uri!) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    // Browsers send Origin as scheme://host[:port], so anything longer could never match.
    private static bool IsOrigin(string value) =>
        IsHttpUrl(value, out var uri) && !value.EndsWith('/') && uri.AbsolutePath == "/" && uri.Query.Length == 0 &&
        uri.UserInfo.Length == 0 && !value.Contains('*', StringComparison.Ordinal);
}
