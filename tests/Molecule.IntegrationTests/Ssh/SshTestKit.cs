using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Molecule.Ssh;
using Molecule.Testing;

namespace Molecule.IntegrationTests.Ssh;

internal static class SshTestKit
{
    public static SshdServer Sshd => SshdServer.Require();

    /// <summary>Every wait on sshd is bounded: a test that would hang fails with a cancellation instead.</summary>
    public static CancellationToken Deadline(int seconds = 30) => new CancellationTokenSource(TimeSpan.FromSeconds(seconds)).Token;

    public static async Task<ISshSession> ConnectAsync(SshKeyPair key, SshEndpoint? endpoint = null, string? user = null) =>
        await SshSession.ConnectAsync(new SshPath(endpoint ?? Sshd.Endpoint, user ?? Sshd.User), key, new SshOptions(),
            TimeProvider.System, NullLogger.Instance, Deadline());

    /// <summary>A key that sshd accepts for the test's duration (revoked on dispose) and a session with it.</summary>
    public static async Task<AuthorizedSession> ConnectAuthorizedAsync()
    {
        var key = SshKeyPair.Generate();
        var authorization = Sshd.AuthorizeKey(key.PublicKeyLine);
        return new AuthorizedSession(key, authorization, await ConnectAsync(key));
    }

    public static SshSessionPool Pool(TimeProvider? time = null, int idleSeconds = 60) =>
        new(Options.Create(new SshOptions { SessionIdleSeconds = idleSeconds }),
            new SshNetSessionConnector(Options.Create(new SshOptions()), time ?? TimeProvider.System, NullLogger<SshSession>.Instance),
            time ?? TimeProvider.System, NullLogger<SshSessionPool>.Instance);

    /// <summary>Reads the shell's output until it contains <paramref name="expected"/>; answers everything read.</summary>
    public static async Task<string> ReadUntilAsync(ISshShell shell, string expected, StringBuilder seen, CancellationToken cancellationToken)
    {
        var buffer = new byte[4096];
        while (!seen.ToString().Contains(expected, StringComparison.Ordinal))
        {
            var read = await shell.ReadAsync(buffer, cancellationToken);
            if (read == 0)
            {
                throw new InvalidOperationException($"the shell closed before printing \"{expected}\"; it printed: {seen}");
            }

            seen.Append(Encoding.UTF8.GetString(buffer, 0, read));
        }

        return seen.ToString();
    }

    /// <summary>Waits (bounded) until <paramref name="condition"/> holds, for effects that happen in the background.</summary>
    public static async Task EventuallyAsync(Func<bool> condition, string what)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(50);
        }

        condition().ShouldBeTrue(what);
    }
}

internal sealed class AuthorizedSession(SshKeyPair key, IDisposable authorization, ISshSession session) : IAsyncDisposable
{
    public ISshSession Session { get; } = session;

    public SshKeyPair Key { get; } = key;

    public async ValueTask DisposeAsync()
    {
        await Session.DisposeAsync();
        authorization.Dispose();
        Key.Dispose();
    }
}
