using Microsoft.Extensions.Logging;

namespace Molecule.Ssh;

/// <summary>Every log line of the SSH adapter. Command text, stdin and key material are never logged.</summary>
internal static partial class SshLog
{
    [LoggerMessage(EventId = 4200, Level = LogLevel.Information,
        Message = "SSH host key of {Endpoint} accepted without known_hosts (the tunnel is the IAM-checked path): {HostKeyAlgorithm} SHA256:{Fingerprint}")]
    public static partial void HostKeyAccepted(ILogger logger, SshEndpoint endpoint, string hostKeyAlgorithm, string fingerprint);

    [LoggerMessage(EventId = 4201, Level = LogLevel.Debug, Message = "SSH session to {Endpoint} as {User} established")]
    public static partial void SessionEstablished(ILogger logger, SshEndpoint endpoint, string user);

    [LoggerMessage(EventId = 4202, Level = LogLevel.Warning, Message = "SSH connect to {Endpoint} failed ({Kind}): {Reason}")]
    public static partial void ConnectFailed(ILogger logger, SshEndpoint endpoint, SshFailureKind kind, string reason);

    [LoggerMessage(EventId = 4203, Level = LogLevel.Debug, Message = "SSH session to {Endpoint} reported an error: {Reason}")]
    public static partial void SessionError(ILogger logger, SshEndpoint endpoint, string reason);

    [LoggerMessage(EventId = 4204, Level = LogLevel.Debug, Message = "Opening a new SSH session for {WorkspaceKey}")]
    public static partial void PoolOpening(ILogger logger, string workspaceKey);

    [LoggerMessage(EventId = 4205, Level = LogLevel.Information,
        Message = "SSH session for {WorkspaceKey} broke ({Reason}); dropping it and retrying once on a new session")]
    public static partial void PoolRetrying(ILogger logger, string workspaceKey, string reason);

    [LoggerMessage(EventId = 4206, Level = LogLevel.Debug, Message = "Closing the SSH session for {WorkspaceKey}: {Why}")]
    public static partial void PoolClosing(ILogger logger, string workspaceKey, string why);

    [LoggerMessage(EventId = 4207, Level = LogLevel.Warning, Message = "Closing the SSH session for {WorkspaceKey} failed")]
    public static partial void PoolCloseFailed(ILogger logger, string workspaceKey, Exception error);

    [LoggerMessage(EventId = 4208, Level = LogLevel.Debug, Message = "SSH command on {Endpoint} exited with {ExitCode} (signal {ExitSignal})")]
    public static partial void CommandExited(ILogger logger, SshEndpoint endpoint, int? exitCode, string? exitSignal);
}
