namespace Molecule.Auth.Enforcement;

/// <summary>CanvasOrBearer (spec §3.4) as a pure decision table.</summary>
internal static class CanvasOrBearerRule
{
    /// <param name="anyLiveWorkspaceToken">False also when counting failed: this policy fails open on a DB error.</param>
    /// <param name="bearer">Only ADMIN_TOKEN and workspace tokens count; org tokens are not accepted here.</param>
    /// <param name="trustedOrigin"><c>Origin</c> is a configured CORS origin, or the request is same-origin canvas.</param>
    public static AuthOutcome Decide(bool anyLiveWorkspaceToken, BearerKind bearer, bool trustedOrigin)
    {
        if (!anyLiveWorkspaceToken)
        {
            return AuthOutcome.Pass;
        }

        return bearer switch
        {
            BearerKind.None => trustedOrigin ? AuthOutcome.Pass : AuthOutcome.AdminAuthRequired,
            BearerKind.AdminToken or BearerKind.WorkspaceToken => AuthOutcome.Pass,
            _ => AuthOutcome.InvalidAdminToken,
        };
    }
}
