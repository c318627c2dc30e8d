namespace Molecule.Ssh;

/// <summary>What one pooled session owns: the session, the path it runs over (the tunnel) and its key.</summary>
internal sealed class PooledConnection(ISshSession session, SshPath path, SshKeyPair key) : IAsyncDisposable
{
    public ISshSession Session { get; } = session;

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Session.DisposeAsync();
        }
        finally
        {
            try
            {
                await path.DisposeAsync();
            }
            finally
            {
                key.Dispose();
            }
        }
    }
}
