namespace Molecule.Auth.Enforcement;

/// <summary>WorkspaceAuth (spec §3.2) as a pure decision table. There is no fresh-install fail-open here.</summary>
internal static class WorkspaceAuthRule
{
    /// <param name="hasWorkspaceId">The route's <c>{id}</c> is non-empty.</param>
    /// <param name="bearer"><see cref="BearerKind.WorkspaceToken"/> only when bound to the route's workspace.</param>
    /// <param name="sameOriginCanvas">The request comes from the canvas this server proxies (§3.7).</param>
    /// <param name="devMode">Dev mode lets bearer-less requests in; a presented bearer must still be valid.</param>
    public static AuthOutcome Decide(bool hasWorkspaceId, BearerKind bearer, bool sameOriginCanvas, bool devMode)
    {
        if (!hasWorkspaceId)
        {
            return AuthOutcome.MissingWorkspaceId;
        }

        return bearer switch
        {
            BearerKind.None => sameOriginCanvas || devMode ? AuthOutcome.Pass : AuthOutcome.MissingWorkspaceToken,
            BearerKind.AdminToken or BearerKind.OrgToken or BearerKind.WorkspaceToken => AuthOutcome.Pass,
            _ => AuthOutcome.InvalidWorkspaceToken,
        };
    }
}
