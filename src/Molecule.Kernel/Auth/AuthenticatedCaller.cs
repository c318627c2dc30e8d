using Microsoft.AspNetCore.Http;

namespace Molecule.Kernel.Auth;

/// <summary>The kind of bearer the auth middleware accepted for a request.</summary>
public enum CallerCredential
{
    /// <summary>The <c>ADMIN_TOKEN</c> itself.</summary>
    AdminToken,
    /// <summary>A live row of <c>org_api_tokens</c>: full admin power, optionally tied to an org.</summary>
    OrgToken,
    /// <summary>A live workspace token (bound to the route's workspace on WorkspaceAuth routes).</summary>
    WorkspaceToken,
}

/// <summary>
/// Who the auth middleware let in, when a bearer did it. Absent when the request passed without a
/// credential (fail-open, dev mode, same-origin canvas) or on an open route. Modules read it to tell
/// an org-token caller apart (the reference's <c>org_token_id</c>, <c>org_token_prefix</c>, <c>org_id</c>).
/// </summary>
public sealed record AuthenticatedCaller(
    CallerCredential Credential,
    Guid? TokenId = null,
    string? TokenPrefix = null,
    Guid? OrgId = null,
    Guid? WorkspaceId = null)
{
    private static readonly object ItemKey = new();

    public bool IsOrgToken => Credential == CallerCredential.OrgToken;

    public static AuthenticatedCaller? Of(HttpContext context) =>
        context.Items.TryGetValue(ItemKey, out var caller) ? caller as AuthenticatedCaller : null;

    /// <summary>Set by the auth middleware only.</summary>
    public void AttachTo(HttpContext context) => context.Items[ItemKey] = this;
}
