using Microsoft.Extensions.Logging;

namespace Molecule.Files.Backends;

/// <summary>What the Docker files backend logs: workspace ids, paths and engine errors, never file content.</summary>
internal static partial class DockerFilesLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "listing {Directory} in workspace {WorkspaceId} failed, falling back: {Reason}")]
    public static partial void ListFailed(this ILogger logger, Guid workspaceId, string directory, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "opening {Path} in workspace {WorkspaceId} failed: {Reason}")]
    public static partial void OpenFailed(this ILogger logger, Guid workspaceId, string path, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Operation} in workspace {WorkspaceId} failed: {Reason}")]
    public static partial void OperationFailed(this ILogger logger, string operation, Guid workspaceId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "removing files helper container {ContainerId} failed: {Reason}")]
    public static partial void HelperNotRemoved(this ILogger logger, string containerId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "workspace {WorkspaceId} is not running: {Operation} went through its config volume")]
    public static partial void WroteThroughVolume(this ILogger logger, Guid workspaceId, string operation);
}
