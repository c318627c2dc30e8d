namespace Molecule.Auth.Enforcement;

/// <summary>Which stored tokens a policy accepts for a bearer.</summary>
/// <param name="OrgTokens">Org API tokens count.</param>
/// <param name="WorkspaceTokens">Workspace tokens count.</param>
/// <param name="BoundTo">When set, only a workspace token of this workspace counts.</param>
internal readonly record struct BearerScope(bool OrgTokens, bool WorkspaceTokens, Guid? BoundTo)
{
    /// <summary>AdminAuth: org tokens always; workspace tokens only while ADMIN_TOKEN is unset (§3.3 steps 7–8).</summary>
    public static BearerScope Admin(bool adminTokenSet) => new(true, !adminTokenSet, null);

    /// <summary>WorkspaceAuth: org tokens, and the route workspace's own tokens (none when the id is not a UUID).</summary>
    public static BearerScope Workspace(Guid? routeWorkspace) => new(true, routeWorkspace is not null, routeWorkspace);

    /// <summary>CanvasOrBearer: any workspace's token, never an org token (§3.4).</summary>
    public static BearerScope CanvasOrBearer => new(false, true, null);
}
