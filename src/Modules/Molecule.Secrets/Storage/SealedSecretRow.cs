using Molecule.Secrets.Crypto;

namespace Molecule.Secrets.Storage;

/// <summary>A stored secret with its value still sealed.</summary>
internal sealed record SealedSecretRow(string Key, byte[] EncryptedValue, int EncryptionVersion)
{
    public const string Columns = "key, encrypted_value, encryption_version";

    public SealedValue Sealed => new(EncryptedValue, EncryptionVersion);
}
