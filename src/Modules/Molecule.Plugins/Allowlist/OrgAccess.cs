using Microsoft.AspNetCore.Http;
using Molecule.Kernel.Auth;
using Molecule.Kernel.Http;

namespace Molecule.Plugins.Allowlist;

/// <summary>
/// Which org an allowlist route may touch: an org-token caller only its own org (a token without an
/// org touches none); ADMIN_TOKEN, sessions and fail-open callers any. Checked before the org is looked
/// up, so another org's token cannot probe which orgs exist.
/// </summary>
internal static class OrgAccess
{
    public static ApiError? Deny(HttpContext context, Guid orgId) =>
        AuthenticatedCaller.Of(context) is { IsOrgToken: true } caller && caller.OrgId != orgId
            ? ApiError.Forbidden("org access denied")
            : null;
}
