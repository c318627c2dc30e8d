namespace Molecule.Ssh;

/// <summary>
/// An open way to a workspace's sshd: the endpoint to connect to, the user to log in as, and what
/// keeps the way open (e.g. the Instance Connect tunnel), closed when the session that used it closes.
/// </summary>
public sealed class SshPath(SshEndpoint endpoint, string username, IAsyncDisposable? keepOpen = null) : IAsyncDisposable
{
    private int _disposed;

    public SshEndpoint Endpoint { get; } = endpoint;

    public string Username { get; } = string.IsNullOrWhiteSpace(username)
        ? throw new ArgumentException("an SSH path needs a user to log in as", nameof(username))
        : username;

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0 && keepOpen is not null)
        {
            await keepOpen.DisposeAsync();
        }
    }
}
