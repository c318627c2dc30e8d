namespace Molecule.Secrets.Crypto;

/// <summary>
/// A value could not be encrypted or decrypted (tampered, wrong key, truncated, unknown version).
/// Messages describe the failure only; they never carry key material or plaintext.
/// </summary>
internal sealed class SecretCipherException : Exception
{
    public SecretCipherException(string message)
        : base(message)
    {
    }

    public SecretCipherException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
