using Microsoft.AspNetCore.Http;

namespace Molecule.Terminal.Backends;

/// <summary>What <see cref="ITerminalBackend.LocateAsync"/> found: exactly one of a shell to open or a refusal.</summary>
internal sealed class TerminalTarget
{
    private TerminalTarget(ITerminalShell? shell, IResult? refusal)
    {
        Shell = shell;
        Refusal = refusal;
    }

    public ITerminalShell? Shell { get; }

    public IResult? Refusal { get; }

    public static TerminalTarget Ready(ITerminalShell shell) => new(shell, null);

    public static TerminalTarget Refused(IResult refusal) => new(null, refusal);
}

/// <summary>A shell that can be started once the WebSocket is open.</summary>
internal interface ITerminalShell
{
    /// <summary>
    /// Starts an interactive shell of <paramref name="size"/>. Throws <see cref="TerminalStartException"/>
    /// when no shell could be started; the user then sees the message in the terminal.
    /// </summary>
    Task<ITerminalSession> OpenAsync(TerminalSize size, CancellationToken cancellationToken);
}

/// <summary>No shell could be started after the upgrade (both shells missing, container gone, engine error).</summary>
internal sealed class TerminalStartException(string message, Exception? innerException = null)
    : Exception(message, innerException);
