using Microsoft.Extensions.Logging;

namespace Molecule.Docker;

/// <summary>
/// Every log line of the Docker client. Request bodies (env, commands) are never logged: they can
/// carry secrets.
/// </summary>
internal static partial class DockerLog
{
    [LoggerMessage(EventId = 4100, Level = LogLevel.Information,
        Message = "Docker engine at {Endpoint}: speaking API {ApiVersion} (daemon maximum {ServerMaximum})")]
    public static partial void ApiVersionNegotiated(ILogger logger, string endpoint, string apiVersion, string serverMaximum);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Debug,
        Message = "Docker engine at {Endpoint} unreachable for {Request}: {Reason}")]
    public static partial void EngineUnreachable(ILogger logger, string endpoint, string request, string reason);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Debug,
        Message = "Docker engine refused {Request} with {Status}: {EngineMessage}")]
    public static partial void EngineError(ILogger logger, string request, int status, string engineMessage);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Information, Message = "Pulled image {Image}")]
    public static partial void ImagePulled(ILogger logger, string image);

    [LoggerMessage(EventId = 4104, Level = LogLevel.Information, Message = "Imported image {Reference} as {ImageId}")]
    public static partial void ImageImported(ILogger logger, string reference, string imageId);

    [LoggerMessage(EventId = 4105, Level = LogLevel.Debug, Message = "Created container {Name} ({ContainerId})")]
    public static partial void ContainerCreated(ILogger logger, string name, string containerId);

    [LoggerMessage(EventId = 4106, Level = LogLevel.Debug, Message = "Removed container {ContainerId}")]
    public static partial void ContainerRemoved(ILogger logger, string containerId);

    [LoggerMessage(EventId = 4107, Level = LogLevel.Debug, Message = "Attached to exec {ExecId} (tty: {Tty})")]
    public static partial void ExecAttached(ILogger logger, string execId, bool tty);
}
