namespace Molecule.Auth.Enforcement;

/// <summary>AdminAuth (spec §3.3) as a pure decision table; the middleware gathers the inputs.</summary>
internal static class AdminAuthRule
{
    /// <summary>
    /// Steps 2–3: a fresh install (no live workspace token anywhere and no ADMIN_TOKEN) and dev mode
    /// let everything through without looking at the bearer, even a bad one.
    /// </summary>
    public static bool PassesWithoutCredential(bool anyLiveWorkspaceToken, bool adminTokenSet, bool devMode) =>
        (!anyLiveWorkspaceToken && !adminTokenSet) || devMode;

    public static AuthOutcome Decide(bool anyLiveWorkspaceToken, bool adminTokenSet, bool devMode, BearerKind bearer)
    {
        if (PassesWithoutCredential(anyLiveWorkspaceToken, adminTokenSet, devMode))
        {
            return AuthOutcome.Pass;
        }

        return bearer switch
        {
            BearerKind.None => AuthOutcome.AdminAuthRequired,
            BearerKind.AdminToken or BearerKind.OrgToken => AuthOutcome.Pass,
            // Step 8: without ADMIN_TOKEN any workspace's token is an admin credential; step 7: with it, none is.
            BearerKind.WorkspaceToken when !adminTokenSet => AuthOutcome.Pass,
            _ => AuthOutcome.InvalidAdminToken,
        };
    }
}
