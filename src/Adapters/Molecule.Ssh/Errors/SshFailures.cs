using System.Net.Sockets;
using Renci.SshNet.Common;

namespace Molecule.Ssh;

/// <summary>Turns SSH.NET's and the socket layer's exceptions into <see cref="SshSessionException"/>s.</summary>
internal static class SshFailures
{
    /// <summary>A failure while connecting and authenticating; null when it is not an SSH or network failure.</summary>
    public static SshSessionException? FromConnect(Exception error, SshEndpoint endpoint, TimeSpan timeout) => error switch
    {
        // Kept verbatim: "Permission denied (publickey)." is what operators and diagnose look for.
        SshAuthenticationException auth => new SshSessionException(SshFailureKind.Authentication, auth.Message, auth),
        SocketException { SocketErrorCode: SocketError.ConnectionRefused } refused =>
            new SshSessionException(SshFailureKind.ConnectionRefused, $"connection refused by {endpoint}", refused),
        SocketException { SocketErrorCode: SocketError.TimedOut } or SshOperationTimeoutException or OperationCanceledException =>
            new SshSessionException(SshFailureKind.ConnectTimeout, $"no SSH answer from {endpoint} within {timeout.TotalSeconds:0} s", error),
        SocketException socket =>
            new SshSessionException(SshFailureKind.Unreachable, $"could not reach {endpoint}: {socket.Message}", socket),
        SshConnectionException or ProxyException or IOException =>
            new SshSessionException(SshFailureKind.Handshake, $"SSH handshake with {endpoint} failed: {error.Message}", error),
        _ => null,
    };

    /// <summary>True for errors that mean the session itself is unusable, as opposed to one command's problem.</summary>
    public static bool IsConnectionLevel(Exception error) =>
        error is SshConnectionException or SocketException or IOException or ObjectDisposedException
            || (error is AggregateException aggregate && aggregate.InnerExceptions.Any(IsConnectionLevel));

    public static SshSessionException Lost(Exception error, SshEndpoint endpoint) =>
        error as SshSessionException
        ?? new SshSessionException(SshFailureKind.ConnectionLost, $"SSH connection to {endpoint} was lost: {error.Message}", error);
}
