namespace Molecule.Aws.Tunnel;

/// <summary>
/// A tunnel failure. The message is meant for people (the terminal shows it, diagnose puts it in
/// <c>detail</c>); <see cref="CloseStatus"/>/<see cref="CloseReason"/> keep what the endpoint said.
/// </summary>
public sealed class EicTunnelException : Exception
{
    public EicTunnelException(EicTunnelFailure failure, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Failure = failure;
    }

    public EicTunnelFailure Failure { get; }

    /// <summary>The WebSocket close code the endpoint sent, when it sent one.</summary>
    public int? CloseStatus { get; init; }

    /// <summary>The endpoint's close reason (UTF-8 text after the code), when it sent one.</summary>
    public string? CloseReason { get; init; }

    /// <summary>The HTTP status of a refused handshake.</summary>
    public int? HttpStatus { get; init; }

    /// <summary>The endpoint's <c>x-amzn-RequestId</c>, when it answered one.</summary>
    public string? RequestId { get; init; }
}
