using Microsoft.AspNetCore.Builder;

namespace Molecule.Kernel.Auth;

/// <summary>The auth decisions a route can carry (spec/api-contract.md §3).</summary>
public enum AuthPolicy
{
    /// <summary>No middleware check; the handler may still gate (registry, a2a, test-token …).</summary>
    Open,
    /// <summary>AdminAuth (§3.3).</summary>
    Admin,
    /// <summary>WorkspaceAuth on the <c>{id}</c> route value (§3.2).</summary>
    Workspace,
    /// <summary>CanvasOrBearer (§3.4).</summary>
    CanvasOrBearer,
}

/// <summary>Endpoint metadata read by the Auth module's middleware. Every route must carry one.</summary>
public sealed record RouteAuth(AuthPolicy Policy, string? Reason = null);

public static class RouteAuthExtensions
{
    public static TBuilder RequireAdminAuth<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RouteAuth(AuthPolicy.Admin));

    public static TBuilder RequireWorkspaceAuth<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RouteAuth(AuthPolicy.Workspace));

    public static TBuilder RequireCanvasOrBearer<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RouteAuth(AuthPolicy.CanvasOrBearer));

    /// <summary>An open route; <paramref name="reason"/> documents why (and which handler gate applies).</summary>
    public static TBuilder AllowOpen<TBuilder>(this TBuilder builder, string reason)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RouteAuth(AuthPolicy.Open, reason));
}
