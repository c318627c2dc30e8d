using Microsoft.AspNetCore.Http;

namespace Molecule.Kernel.Auth;

/// <summary>Bearer parsing as the reference does it: <c>Bearer </c> is case-sensitive, the rest trimmed.</summary>
public static class BearerToken
{
    private const string Scheme = "Bearer ";

    /// <summary>The token from an Authorization header value; null when absent or empty.</summary>
    public static string? Parse(string? authorization)
    {
        if (authorization is null || !authorization.StartsWith(Scheme, StringComparison.Ordinal))
        {
            return null;
        }

        var token = authorization[Scheme.Length..].Trim();
        return token.Length == 0 ? null : token;
    }

    public static string? From(HttpRequest request) => Parse(request.Headers.Authorization.ToString());
}
