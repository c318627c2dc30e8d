using Microsoft.Extensions.Logging;

namespace Molecule.Aws.Tunnel;

internal static partial class EicTunnelLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "EIC tunnel for {InstanceId} listening on {LocalEndPoint} through endpoint {EndpointId}")]
    public static partial void Listening(ILogger logger, string instanceId, string localEndPoint, string endpointId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "EIC tunnel connection {ConnectionNumber} to {InstanceId} opened (request id {RequestId})")]
    public static partial void ConnectionOpened(ILogger logger, long connectionNumber, string instanceId, string? requestId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "EIC tunnel connection {ConnectionNumber} to {InstanceId} closed normally")]
    public static partial void ConnectionClosed(ILogger logger, long connectionNumber, string instanceId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "EIC tunnel connection {ConnectionNumber} to {InstanceId} failed ({Failure}): {Reason}")]
    public static partial void ConnectionFailed(ILogger logger, long connectionNumber, string instanceId, EicTunnelFailure failure, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "EIC tunnel for {InstanceId} stopped accepting connections")]
    public static partial void AcceptFailed(ILogger logger, string instanceId, Exception exception);
}
