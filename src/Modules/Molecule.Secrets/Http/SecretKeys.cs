using System.Diagnostics.CodeAnalysis;

namespace Molecule.Secrets.Http;

/// <summary>
/// Secret key names have no format rule (as in the reference); the only refusal is what Postgres
/// TEXT cannot hold, so such a key is bad input rather than a failed save.
/// </summary>
internal static class SecretKeys
{
    public const string ModelProvider = "MODEL_PROVIDER";

    public static bool IsStorable([NotNullWhen(true)] string? key) => !string.IsNullOrEmpty(key) && !key.Contains('\0', StringComparison.Ordinal);
}
