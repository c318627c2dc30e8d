namespace Molecule.Ssh;

/// <summary>
/// Opens a way to one workspace's sshd for a freshly made key. For an EC2 workspace: push
/// <see cref="SshKeyPair.PublicKeyLine"/> with Instance Connect's SendSSHPublicKey (the instance
/// then accepts it for 60 s), open the tunnel to the instance's port 22, and answer its loopback
/// port and the OS user. <see cref="SshSessionPool"/> calls it only when it needs a new session,
/// and connects right after it answers, well inside the key's 60 s.
/// </summary>
public interface ISshTransport
{
    Task<SshPath> OpenAsync(SshKeyPair key, CancellationToken cancellationToken);
}

/// <summary>Transports made of a delegate, so a backend composes key push + tunnel without a class of its own.</summary>
public static class SshTransport
{
    public static ISshTransport Create(Func<SshKeyPair, CancellationToken, Task<SshPath>> open) => new DelegateTransport(open);

    /// <summary>A fixed endpoint and user whose authorization is <paramref name="authorize"/> (or nothing: the key is already trusted).</summary>
    public static ISshTransport Direct(SshEndpoint endpoint, string username, Func<SshKeyPair, CancellationToken, Task>? authorize = null) =>
        new DelegateTransport(async (key, cancellationToken) =>
        {
            if (authorize is not null)
            {
                await authorize(key, cancellationToken);
            }

            return new SshPath(endpoint, username);
        });

    private sealed class DelegateTransport(Func<SshKeyPair, CancellationToken, Task<SshPath>> open) : ISshTransport
    {
        private readonly Func<SshKeyPair, CancellationToken, Task<SshPath>> _open = open ?? throw new ArgumentNullException(nameof(open));

        public Task<SshPath> OpenAsync(SshKeyPair key, CancellationToken cancellationToken) => _open(key, cancellationToken);
    }
}
