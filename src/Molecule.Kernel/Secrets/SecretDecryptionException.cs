namespace Molecule.Kernel.Secrets;

/// <summary>
/// Stored secrets that could not be decrypted (tampered, wrong or missing key, unknown version).
/// Thrown by <see cref="ISecretReader"/> instead of returning a partial set; carries key names only.
/// </summary>
public sealed class SecretDecryptionException : Exception
{
    public SecretDecryptionException(IReadOnlyList<string> failedKeys)
        : base($"{failedKeys.Count} secret(s) failed to decrypt: {string.Join(", ", failedKeys)}")
    {
        FailedKeys = failedKeys;
    }

    /// <summary>Each failed secret as <c>global:KEY</c> or <c>workspace:KEY</c>.</summary>
    public IReadOnlyList<string> FailedKeys { get; }

    /// <summary>True when a global secret failed (the provisioner reports global and workspace failures apart).</summary>
    public bool AnyGlobal => FailedKeys.Any(label => label.StartsWith("global:", StringComparison.Ordinal));
}
