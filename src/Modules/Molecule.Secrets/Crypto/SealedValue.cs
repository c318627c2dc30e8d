namespace Molecule.Secrets.Crypto;

/// <summary>A value as stored: the <c>encrypted_value</c> bytes and their <c>encryption_version</c>.</summary>
internal sealed record SealedValue(byte[] Bytes, int Version);
