namespace Molecule.Ssh;

/// <summary>
/// One exception for every SSH failure, with its <see cref="Kind"/>. The message is safe to show an
/// operator: endpoints and sshd's own words, never key material or command text.
/// </summary>
public sealed class SshSessionException(SshFailureKind kind, string message, Exception? innerException = null)
    : Exception(message, innerException)
{
    public SshFailureKind Kind { get; } = kind;
}
