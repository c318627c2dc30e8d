using Microsoft.Extensions.Logging;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace Molecule.Ssh;

/// <summary>
/// An <see cref="ISshSession"/> over SSH.NET. Any host key is accepted and its fingerprint logged:
/// the endpoint is our own IAM-checked tunnel to one instance, and instances are replaced too often
/// for a known_hosts file to mean anything.
/// </summary>
internal sealed class SshSession : ISshSession
{
    private const int ShellBufferSize = 64 * 1024;

    private readonly SshClient _client;
    private readonly PrivateKeyFile _keySource;
    private readonly SshEndpoint _endpoint;
    private readonly SshOptions _options;
    private readonly ILogger _logger;
    private volatile bool _broken;
    private int _disposed;

    private SshSession(SshClient client, PrivateKeyFile keySource, SshEndpoint endpoint, SshOptions options, ILogger logger)
    {
        _client = client;
        _keySource = keySource;
        _endpoint = endpoint;
        _options = options;
        _logger = logger;
    }

    public bool IsConnected => !_broken && _disposed == 0 && _client.IsConnected;

    public string HostKeyFingerprint { get; private set; } = "";

    public static async Task<SshSession> ConnectAsync(
        SshPath path, SshKeyPair key, SshOptions options, TimeProvider time, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(key);
        var endpoint = path.Endpoint;
        var keySource = key.CreatePrivateKeySource();
        var connection = new ConnectionInfo(endpoint.Host, endpoint.Port, path.Username,
            new PrivateKeyAuthenticationMethod(path.Username, keySource))
        {
            Timeout = options.ConnectTimeout,
        };
        var client = new SshClient(connection) { KeepAliveInterval = options.KeepAlive };
        var session = new SshSession(client, keySource, endpoint, options, logger);
        client.HostKeyReceived += session.OnHostKeyReceived;
        client.ErrorOccurred += session.OnErrorOccurred;

        using var timeout = new CancellationTokenSource(options.ConnectTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            await client.ConnectAsync(linked.Token);
        }
        catch (Exception error) when (!cancellationToken.IsCancellationRequested
                                      && SshFailures.FromConnect(error, endpoint, options.ConnectTimeout) is { } failure)
        {
            SshLog.ConnectFailed(logger, endpoint, failure.Kind, failure.Message);
            await session.DisposeAsync();
            throw failure;
        }
        catch
        {
            await session.DisposeAsync();
            throw;
        }

        SshLog.SessionEstablished(logger, endpoint, path.Username);
        return session;
    }

    public async Task<SshCommandResult> RunAsync(SshCommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        var cap = request.MaxOutputBytes ?? _options.MaxOutputBytes;

        SshCommand command;
        Task execution;
        try
        {
            // SSH.NET sends the channel's EOF only after stdin data was written, so a command given
            // no stdin gets /dev/null from its shell instead: reading stdin then ends at once.
            command = _client.CreateCommand(request.Stdin.IsEmpty ? "exec </dev/null; " + request.Command : request.Command);
        }
        catch (Exception error) when (SshFailures.IsConnectionLevel(error))
        {
            throw Broke(error);
        }

        using (command)
        {
            try
            {
                // Opens the channel and sends the exec request before it returns.
                execution = command.ExecuteAsync(cancellationToken);
            }
            catch (Exception error) when (SshFailures.IsConnectionLevel(error))
            {
                throw Broke(error);
            }

            var stdout = BoundedOutput.DrainAsync(command.OutputStream, cap, cancellationToken);
            var stderr = BoundedOutput.DrainAsync(command.ExtendedOutputStream, cap, cancellationToken);
            var stdin = request.Stdin.IsEmpty
                ? Task.CompletedTask
                : Task.Run(() => SendStdinAsync(command, request.Stdin, cancellationToken), CancellationToken.None);
            try
            {
                await execution;
            }
            catch (Exception error) when (SshFailures.IsConnectionLevel(error))
            {
                await Quietly(stdout, stderr, stdin);
                throw Broke(error);
            }
            catch (SshException error)
            {
                await Quietly(stdout, stderr, stdin);
                throw new SshSessionException(SshFailureKind.ChannelRefused, $"sshd at {_endpoint} refused the command: {error.Message}", error);
            }
            catch
            {
                await Quietly(stdout, stderr, stdin);
                throw;
            }

            // The command has ended: a stdin write it did not wait for (it exited without reading
            // everything) is not a failure of the command.
            await Quietly(stdin);
            var result = new SshCommandResult(command.ExitStatus, command.ExitSignal, await stdout, await stderr);
            SshLog.CommandExited(_logger, _endpoint, result.ExitCode, result.ExitSignal);
            return result;
        }
    }

    public async Task<ISshShell> OpenShellAsync(SshPtyRequest pty, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pty);
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        try
        {
            // SSH.NET opens the channel and sends pty-req + shell synchronously: keep that off the caller's thread.
            var stream = await Task.Run(
                () => _client.CreateShellStream(pty.Term, (uint)pty.Columns, (uint)pty.Rows, 0, 0, ShellBufferSize),
                cancellationToken);
            return new SshShell(stream, _endpoint);
        }
        catch (Exception error) when (SshFailures.IsConnectionLevel(error))
        {
            throw Broke(error);
        }
        catch (SshException error)
        {
            throw new SshSessionException(SshFailureKind.ChannelRefused, $"sshd at {_endpoint} refused a shell: {error.Message}", error);
        }
    }

    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _client.HostKeyReceived -= OnHostKeyReceived;
            _client.ErrorOccurred -= OnErrorOccurred;
            try
            {
                _client.Dispose();
            }
            finally
            {
                _keySource.Dispose();
            }
        }

        return ValueTask.CompletedTask;
    }

    private static async Task SendStdinAsync(SshCommand command, ReadOnlyMemory<byte> stdin, CancellationToken cancellationToken)
    {
        // Disposing the input stream (after a write) sends EOF: without it the command would wait for more.
        await using var input = command.CreateInputStream();
        await input.WriteAsync(stdin, cancellationToken);
    }

    private static async Task Quietly(params Task[] tasks)
    {
        foreach (var task in tasks)
        {
            try
            {
                await task;
            }
            catch (Exception)
            {
                // Only the command's own outcome is reported; its stream pumps end with it.
            }
        }
    }

    private SshSessionException Broke(Exception error)
    {
        _broken = true;
        return SshFailures.Lost(error, _endpoint);
    }

    private void OnHostKeyReceived(object? sender, HostKeyEventArgs e)
    {
        e.CanTrust = true;
        HostKeyFingerprint = "SHA256:" + e.FingerPrintSHA256;
        SshLog.HostKeyAccepted(_logger, _endpoint, e.HostKeyName, e.FingerPrintSHA256);
    }

    private void OnErrorOccurred(object? sender, ExceptionEventArgs e)
    {
        _broken = true;
        SshLog.SessionError(_logger, _endpoint, e.Exception.Message);
    }
}
