using Molecule.Ssh;

namespace Molecule.Tests.Ssh;

/// <summary>A scripted session: each command answers what <see cref="Behavior"/> says (a result, or a thrown failure).</summary>
internal sealed class FakeSshSession(int number) : ISshSession
{
    public int Number { get; } = number;

    public bool Connected { get; set; } = true;

    public bool Disposed { get; private set; }

    public int Commands { get; private set; }

    public Func<SshCommandRequest, SshCommandResult> Behavior { get; set; } = _ => FakeSshSessions.Exit(0);

    public bool IsConnected => Connected && !Disposed;

    public string HostKeyFingerprint => "SHA256:fake";

    public Task<SshCommandResult> RunAsync(SshCommandRequest request, CancellationToken cancellationToken)
    {
        Commands++;
        return Task.FromResult(Behavior(request));
    }

    public Task<ISshShell> OpenShellAsync(SshPtyRequest pty, CancellationToken cancellationToken) =>
        throw new NotSupportedException("the fake session has no shell");

    public ValueTask DisposeAsync()
    {
        Disposed = true;
        return ValueTask.CompletedTask;
    }
}

/// <summary>Makes numbered fake sessions, optionally held until <see cref="Gate"/> opens, or fails as told.</summary>
internal sealed class FakeSshConnector : ISshSessionConnector
{
    private int _connects;

    public List<FakeSshSession> Sessions { get; } = [];

    public Action<FakeSshSession> Configure { get; set; } = _ => { };

    public Exception? FailWith { get; set; }

    public TaskCompletionSource? Gate { get; set; }

    public int Connects => Volatile.Read(ref _connects);

    public async Task<ISshSession> ConnectAsync(SshPath path, SshKeyPair key, CancellationToken cancellationToken)
    {
        var number = Interlocked.Increment(ref _connects);
        if (Gate is { } gate)
        {
            await gate.Task.WaitAsync(cancellationToken);
        }

        if (FailWith is { } failure)
        {
            throw failure;
        }

        var session = new FakeSshSession(number);
        Configure(session);
        lock (Sessions)
        {
            Sessions.Add(session);
        }

        return session;
    }
}

internal static class FakeSshSessions
{
    public static SshCommandResult Exit(int code, string stdout = "") =>
        new(code, null, new BoundedBytes(System.Text.Encoding.UTF8.GetBytes(stdout), false), new BoundedBytes(Array.Empty<byte>(), false));

    public static SshSessionException Lost() => new(SshFailureKind.ConnectionLost, "SSH connection to 127.0.0.1:1 was lost: reset");
}
