namespace Molecule.Auth.Enforcement;

/// <summary>What the request's bearer turned out to be, within the scope the policy accepts.</summary>
internal enum BearerKind
{
    /// <summary>No usable <c>Authorization: Bearer …</c> header.</summary>
    None,
    /// <summary>Equal to <c>ADMIN_TOKEN</c>.</summary>
    AdminToken,
    /// <summary>A live org API token.</summary>
    OrgToken,
    /// <summary>A live workspace token of a non-removed workspace (bound to the route's workspace on WorkspaceAuth).</summary>
    WorkspaceToken,
    /// <summary>Present but matches nothing the policy accepts.</summary>
    Unrecognised,
}
