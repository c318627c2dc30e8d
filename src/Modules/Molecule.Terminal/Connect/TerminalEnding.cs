using System.Globalization;
using System.Net.WebSockets;

namespace Molecule.Terminal.Connect;

/// <summary>Why a terminal session ended.</summary>
internal enum TerminalEnding
{
    /// <summary>The shell exited (the user typed <c>exit</c>, or it died).</summary>
    ShellExited,

    /// <summary>The client sent a Close frame.</summary>
    ClientClosed,

    /// <summary>The connection dropped without a Close frame; nothing can be sent any more.</summary>
    ClientGone,

    /// <summary>No input for the idle period.</summary>
    IdleTimeout,

    /// <summary>The server is stopping.</summary>
    ServerShutdown,

    /// <summary>No shell could be started after the upgrade.</summary>
    ShellStartFailed,

    /// <summary>The engine connection failed, or the client stopped reading output.</summary>
    ServerError,
}

/// <summary>The Close frame a session ends with (protocols.md §9); null for a client that is gone.</summary>
internal readonly record struct TerminalClose(WebSocketCloseStatus Status, string Reason);

/// <summary>
/// Close codes: 1000 when the session ended normally (shell exit, client close — a browser should
/// not reconnect), 1001 when the server stops (reconnect later), 1011 on a server-side failure
/// (retry with backoff), and 4008 — a private-use code — for the idle timeout, so a client can say
/// why without reconnecting by itself.
/// </summary>
internal static class TerminalCloses
{
    public const WebSocketCloseStatus IdleTimeoutStatus = (WebSocketCloseStatus)4008;

    public static TerminalClose? For(TerminalEnding ending, int? exitCode = null, TimeSpan? idleTimeout = null) => ending switch
    {
        TerminalEnding.ShellExited => new TerminalClose(
            WebSocketCloseStatus.NormalClosure,
            exitCode is { } code and not 0 ? $"shell exited with code {code.ToString(CultureInfo.InvariantCulture)}" : "shell exited"),
        TerminalEnding.ClientClosed => new TerminalClose(WebSocketCloseStatus.NormalClosure, "closed by client"),
        TerminalEnding.ClientGone => null,
        TerminalEnding.IdleTimeout => new TerminalClose(IdleTimeoutStatus, IdleReason(idleTimeout)),
        TerminalEnding.ServerShutdown => new TerminalClose(WebSocketCloseStatus.EndpointUnavailable, "server shutting down"),
        TerminalEnding.ShellStartFailed => new TerminalClose(WebSocketCloseStatus.InternalServerError, "failed to create shell session"),
        TerminalEnding.ServerError => new TerminalClose(WebSocketCloseStatus.InternalServerError, "terminal error"),
        _ => throw new ArgumentOutOfRangeException(nameof(ending), ending, null),
    };

    private static string IdleReason(TimeSpan? idleTimeout) => idleTimeout is { } idle
        ? $"idle timeout: no input for {idle.TotalMinutes.ToString("0.##", CultureInfo.InvariantCulture)} minutes"
        : "idle timeout";
}
