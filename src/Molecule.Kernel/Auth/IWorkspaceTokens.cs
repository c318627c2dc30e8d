using Microsoft.AspNetCore.Http;
using Molecule.Kernel.Http;

namespace Molecule.Kernel.Auth;

/// <summary>Workspace bearer tokens, for modules that mint, revoke or check them.</summary>
public interface IWorkspaceTokens
{
    /// <summary>Mints a token (32 random bytes, base64url) and stores only its hash and prefix.</summary>
    Task<string> IssueAsync(Guid workspaceId, CancellationToken cancellationToken = default);

    Task RevokeAllAsync(IReadOnlyCollection<Guid> workspaceIds, CancellationToken cancellationToken = default);

    Task<int> CountLiveAsync(Guid workspaceId, CancellationToken cancellationToken = default);

    /// <summary>True when <paramref name="token"/> is live, bound to the workspace, and the workspace is not removed.</summary>
    Task<bool> ValidateAsync(Guid workspaceId, string token, CancellationToken cancellationToken = default);

    /// <summary>
    /// The "second gate" of /state, /secrets/values and plugin download: when the workspace has live
    /// tokens, only its own bearer passes. Returns the error to answer with, or null to proceed.
    /// </summary>
    Task<ApiError?> RequireOwnBearerAsync(HttpContext context, Guid workspaceId, CancellationToken cancellationToken = default);
}
