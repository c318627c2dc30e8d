using Microsoft.Extensions.Logging;

namespace Molecule.Events.EventSocket;

internal static partial class EventSocketLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "/ws handshake refused: origin {Origin} is not in CORS_ORIGINS")]
    public static partial void OriginRefused(ILogger logger, string origin);
}
