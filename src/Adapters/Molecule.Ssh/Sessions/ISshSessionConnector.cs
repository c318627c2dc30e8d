namespace Molecule.Ssh;

/// <summary>
/// Connects and authenticates one session over an already open <see cref="SshPath"/> (the pool uses
/// it for every new session; the terminal diagnose uses it directly for its ssh-probe stage).
/// </summary>
public interface ISshSessionConnector
{
    Task<ISshSession> ConnectAsync(SshPath path, SshKeyPair key, CancellationToken cancellationToken);
}
