using Microsoft.AspNetCore.Http;
using Molecule.Kernel.Http;

namespace Molecule.Auth.Enforcement;

internal enum AuthOutcome
{
    Pass,
    MissingWorkspaceId,
    MissingWorkspaceToken,
    InvalidWorkspaceToken,
    AdminAuthRequired,
    InvalidAdminToken,
}

internal static class AuthOutcomeResults
{
    /// <summary>The reference's 401 texts; null for <see cref="AuthOutcome.Pass"/>.</summary>
    public static IResult? ToDenial(this AuthOutcome outcome) => outcome switch
    {
        AuthOutcome.Pass => null,
        AuthOutcome.MissingWorkspaceId => ApiError.Unauthorized("missing workspace ID"),
        AuthOutcome.MissingWorkspaceToken => ApiError.Unauthorized("missing workspace auth token"),
        AuthOutcome.InvalidWorkspaceToken => ApiError.Unauthorized("invalid workspace auth token"),
        AuthOutcome.AdminAuthRequired => ApiError.Unauthorized("admin auth required"),
        AuthOutcome.InvalidAdminToken => ApiError.Unauthorized("invalid admin auth token"),
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, null),
    };
}
