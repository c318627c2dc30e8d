using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Molecule.Auth.Tokens;
using Molecule.Kernel.Auth;
using Molecule.Kernel.Configuration;
using Molecule.Kernel.Http;

namespace Molecule.Auth.Enforcement;

/// <summary>
/// Enforces the <see cref="RouteAuth"/> every route carries. A route without exactly one decision is
/// refused, so forgetting to choose fails closed instead of open.
/// </summary>
internal sealed partial class AuthMiddleware(
    RequestDelegate next,
    CredentialLookup credentials,
    IOptions<PlatformOptions> platformOptions,
    ILogger<AuthMiddleware> logger)
{
    private readonly PlatformOptions _platform = platformOptions.Value;

    public async Task InvokeAsync(HttpContext context)
    {
        // No route matched (404), or the framework's 405 endpoint: no handler code runs.
        if (context.GetEndpoint() is not RouteEndpoint endpoint || IsCorsPreflight(context, endpoint))
        {
            await next(context);
            return;
        }

        var denial = await CheckAsync(context, endpoint);
        if (denial is not null)
        {
            await denial.ExecuteAsync(context);
            return;
        }

        await next(context);
    }

    private async Task<IResult?> CheckAsync(HttpContext context, RouteEndpoint endpoint)
    {
        var decisions = endpoint.Metadata.GetOrderedMetadata<RouteAuth>();
        if (decisions.Count != 1)
        {
            LogUndecidedRoute(endpoint.RoutePattern.RawText, decisions.Count);
            return ApiError.Internal(decisions.Count == 0 ? "route has no auth decision" : "route has conflicting auth decisions");
        }

        var cancellationToken = context.RequestAborted;
        try
        {
            var outcome = decisions[0].Policy switch
            {
                AuthPolicy.Open => AuthOutcome.Pass,
                AuthPolicy.Admin => await AdminAuthAsync(context, cancellationToken),
                AuthPolicy.Workspace => await WorkspaceAuthAsync(context, cancellationToken),
                AuthPolicy.CanvasOrBearer => await CanvasOrBearerAsync(context, cancellationToken),
                _ => throw new InvalidOperationException($"unknown auth policy {decisions[0].Policy}"),
            };
            if (outcome != AuthOutcome.Pass)
            {
                LogDenied(decisions[0].Policy, endpoint.RoutePattern.RawText, outcome);
            }

            return outcome.ToDenial();
        }
        catch (Exception exception) when (DatabaseFailure.Is(exception))
        {
            LogDatastoreUnavailable(exception, decisions[0].Policy);
            return ApiError.Unavailable(
                "platform datastore unavailable — retry shortly",
                new JsonObject { ["code"] = "platform_unavailable" });
        }
    }

    private async Task<AuthOutcome> AdminAuthAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var anyLive = await credentials.AnyLiveWorkspaceTokenAsync(cancellationToken);
        if (AdminAuthRule.PassesWithoutCredential(anyLive, _platform.HasAdminToken, _platform.IsDevMode))
        {
            return AuthOutcome.Pass;
        }

        var bearer = await credentials.ResolveAsync(
            TokenCodec.Bearer(context.Request.Headers.Authorization), BearerScope.Admin(_platform.HasAdminToken), cancellationToken);
        return Admit(context, bearer, AdminAuthRule.Decide(anyLive, _platform.HasAdminToken, _platform.IsDevMode, bearer.Kind));
    }

    private async Task<AuthOutcome> WorkspaceAuthAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var routeId = context.Request.RouteValues["id"] as string;
        var bearerText = TokenCodec.Bearer(context.Request.Headers.Authorization);
        var bearer = string.IsNullOrEmpty(routeId)
            ? ResolvedBearer.None
            : await credentials.ResolveAsync(
                bearerText, BearerScope.Workspace(RouteIds.TryParse(routeId, out var id) ? id : null), cancellationToken);
        return Admit(context, bearer, WorkspaceAuthRule.Decide(
            hasWorkspaceId: !string.IsNullOrEmpty(routeId),
            bearer.Kind,
            sameOriginCanvas: IsSameOriginCanvas(context),
            _platform.IsDevMode));
    }

    private async Task<AuthOutcome> CanvasOrBearerAsync(HttpContext context, CancellationToken cancellationToken)
    {
        bool anyLive;
        try
        {
            anyLive = await credentials.AnyLiveWorkspaceTokenAsync(cancellationToken);
        }
        catch (Exception exception) when (DatabaseFailure.Is(exception))
        {
            // This policy guards only the canvas viewport; the reference lets it through when it cannot count.
            LogDatastoreUnavailable(exception, AuthPolicy.CanvasOrBearer);
            return AuthOutcome.Pass;
        }

        if (!anyLive)
        {
            return AuthOutcome.Pass;
        }

        var bearer = await credentials.ResolveAsync(
            TokenCodec.Bearer(context.Request.Headers.Authorization), BearerScope.CanvasOrBearer, cancellationToken);
        var origin = context.Request.Headers.Origin.ToString();
        var trustedOrigin = _platform.CorsOriginList.Contains(origin, StringComparer.Ordinal) || IsSameOriginCanvas(context);
        return Admit(context, bearer, CanvasOrBearerRule.Decide(anyLive, bearer.Kind, trustedOrigin));
    }

    private static AuthOutcome Admit(HttpContext context, ResolvedBearer bearer, AuthOutcome outcome)
    {
        if (outcome == AuthOutcome.Pass)
        {
            bearer.Caller?.AttachTo(context);
        }

        return outcome;
    }

    private bool IsSameOriginCanvas(HttpContext context) => SameOriginCanvas.Matches(
        !string.IsNullOrEmpty(_platform.CanvasProxyUrl),
        context.Request.Host.Value,
        context.Request.Headers.Referer.ToString(),
        context.Request.Headers.Origin.ToString());

    /// <summary>
    /// Browsers send preflights without credentials; the CORS middleware answers them for routes with CORS
    /// metadata without ever running the handler, so checking auth there would only break the canvas.
    /// A route that itself handles OPTIONS gets no such pass.
    /// </summary>
    private static bool IsCorsPreflight(HttpContext context, RouteEndpoint endpoint) =>
        HttpMethods.IsOptions(context.Request.Method)
        && context.Request.Headers.ContainsKey("Access-Control-Request-Method")
        && endpoint.Metadata.GetMetadata<ICorsMetadata>() is not null
        && endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Contains(HttpMethods.Options) != true;

    [LoggerMessage(Level = LogLevel.Error, Message = "Refusing route {Route}: it carries {Count} auth decisions instead of one")]
    private partial void LogUndecidedRoute(string? route, int count);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Policy} auth denied on {Route}: {Outcome}")]
    private partial void LogDenied(AuthPolicy policy, string? route, AuthOutcome outcome);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Policy} auth could not reach the datastore")]
    private partial void LogDatastoreUnavailable(Exception exception, AuthPolicy policy);
}
