using Microsoft.AspNetCore.Http;
using Molecule.Kernel.Auth;
using Molecule.Kernel.Http;
using Molecule.Kernel.Workspaces;

namespace Molecule.Terminal.Connect;

/// <summary>
/// The terminal's own caller rule (spec/api-contract.md §4.9), on top of WorkspaceAuth: a
/// workspace that announces itself as the caller (<c>X-Workspace-ID</c>, or <c>X-Source-Workspace-Id</c>)
/// and is not the target must prove it with its own bearer when it sends one (org tokens are
/// exempt), and must be allowed to talk to the target by the hierarchy.
/// </summary>
internal sealed class TerminalCallerCheck(IWorkspaceTokens tokens, IWorkspaceHierarchy hierarchy)
{
    public const string InvalidCallerToken = "invalid token for claimed workspace";
    public const string NotAuthorized = "not authorized to access this workspace's terminal";

    /// <summary>The refusal to answer with, or null to go on.</summary>
    public async Task<ApiError?> CheckAsync(HttpContext context, Guid workspaceId)
    {
        var header = CallerHeaders.Caller(context.Request);
        if (header.Length == 0)
        {
            return null;
        }

        var isWorkspaceId = RouteIds.TryParse(header, out var callerId);
        if (isWorkspaceId && callerId == workspaceId)
        {
            return null;
        }

        var cancellationToken = context.RequestAborted;
        var bearer = BearerToken.From(context.Request);
        if (bearer is not null &&
            AuthenticatedCaller.Of(context) is not { IsOrgToken: true } &&
            (!isWorkspaceId || !await tokens.ValidateAsync(callerId, bearer, cancellationToken)))
        {
            return ApiError.Unauthorized(InvalidCallerToken);
        }

        return isWorkspaceId && await hierarchy.CanCommunicateAsync(callerId, workspaceId, cancellationToken)
            ? null
            : ApiError.Forbidden(NotAuthorized);
    }
}
