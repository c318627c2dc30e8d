namespace Molecule.Ssh;

/// <summary>
/// One authenticated SSH connection to a workspace's sshd. Commands and shells are channels on it,
/// so several may run at once. Failures are <see cref="SshSessionException"/>s.
/// </summary>
public interface ISshSession : IAsyncDisposable
{
    /// <summary>False once the connection broke or was closed; a broken session never recovers.</summary>
    bool IsConnected { get; }

    /// <summary>The server's host key fingerprint, <c>SHA256:…</c> as <c>ssh-keygen -l</c> prints it.</summary>
    string HostKeyFingerprint { get; }

    /// <summary>Runs a command to its end and answers its exit code and (bounded) output. Cancelling signals the remote command.</summary>
    Task<SshCommandResult> RunAsync(SshCommandRequest request, CancellationToken cancellationToken);

    /// <summary>Starts the login shell on a remote PTY of the requested size.</summary>
    Task<ISshShell> OpenShellAsync(SshPtyRequest pty, CancellationToken cancellationToken);
}
