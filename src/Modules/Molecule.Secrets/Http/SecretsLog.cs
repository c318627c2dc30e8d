using Microsoft.Extensions.Logging;

namespace Molecule.Secrets.Http;

/// <summary>What the secrets routes log: key names and workspace ids, never values.</summary>
internal static partial class SecretsLog
{
    public const string Category = "Molecule.Secrets";

    [LoggerMessage(Level = LogLevel.Information, Message = "secret {Key} saved for workspace {WorkspaceId} (encryption_version={Version})")]
    public static partial void WorkspaceSecretSaved(this ILogger logger, string key, Guid workspaceId, int version);

    [LoggerMessage(Level = LogLevel.Information, Message = "secret {Key} deleted from workspace {WorkspaceId}")]
    public static partial void WorkspaceSecretDeleted(this ILogger logger, string key, Guid workspaceId);

    [LoggerMessage(Level = LogLevel.Information, Message = "global secret {Key} saved (encryption_version={Version})")]
    public static partial void GlobalSecretSaved(this ILogger logger, string key, int version);

    [LoggerMessage(Level = LogLevel.Information, Message = "global secret {Key} deleted")]
    public static partial void GlobalSecretDeleted(this ILogger logger, string key);

    [LoggerMessage(Level = LogLevel.Error, Message = "secrets store failed during {Operation}")]
    public static partial void StoreFailed(this ILogger logger, Exception exception, string operation);

    [LoggerMessage(Level = LogLevel.Error, Message = "secret {Secret} could not be sealed or opened: {Reason}")]
    public static partial void CipherFailed(this ILogger logger, string secret, string reason);
}
