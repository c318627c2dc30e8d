using Microsoft.Extensions.Logging;

namespace Molecule.Auth;

/// <summary>Log lines for token lifecycle. Only prefixes and row ids are ever logged, never a token.</summary>
internal sealed partial class AuthAudit(ILogger<AuthAudit> logger)
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Issued org token {TokenId} (prefix {Prefix}) by {CreatedBy}")]
    public partial void OrgTokenIssued(Guid tokenId, string prefix, string createdBy);

    [LoggerMessage(Level = LogLevel.Information, Message = "Revoked org token {TokenId}")]
    public partial void OrgTokenRevoked(Guid tokenId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Issued workspace token (prefix {Prefix}) for {WorkspaceId} via {Route}")]
    public partial void WorkspaceTokenIssued(Guid workspaceId, string prefix, string route);

    [LoggerMessage(Level = LogLevel.Information, Message = "Revoked workspace token {TokenId} of {WorkspaceId}")]
    public partial void WorkspaceTokenRevoked(Guid workspaceId, Guid tokenId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Test-token route failed at {Step}")]
    public partial void TestTokenFailed(Exception exception, string step);
}
