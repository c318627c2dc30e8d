namespace Molecule.Ssh;

/// <summary>
/// One remote command. <see cref="Command"/> is handed to the login shell as is: build it from
/// untrusted words with <see cref="PosixShell"/> (a POSIX shell is assumed). <see cref="Stdin"/> is
/// sent and then closed, so a command reading stdin always sees its end; without stdin the command
/// reads <c>/dev/null</c>.
/// </summary>
public sealed record SshCommandRequest(string Command)
{
    public ReadOnlyMemory<byte> Stdin { get; init; }

    /// <summary>Cap on the stdout and on the stderr kept; null uses <see cref="SshOptions.MaxOutputBytes"/>.</summary>
    public int? MaxOutputBytes { get; init; }
}
