using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Molecule.Secrets.Http;

/// <summary>
/// Secret key names have no format rule (as in the reference). The only refusals are what Postgres
/// cannot store — a NUL character, or a key too long for the unique index — so such a key is bad
/// input rather than a failed save.
/// </summary>
internal static class SecretKeys
{
    public const string ModelProvider = "MODEL_PROVIDER";

    /// <summary>In UTF-8 bytes: far above any environment variable name, well below the btree entry limit (~2.7 KB).</summary>
    public const int MaxBytes = 1024;

    public static bool IsStorable([NotNullWhen(true)] string? key) =>
        !string.IsNullOrEmpty(key) && Encoding.UTF8.GetByteCount(key) <= MaxBytes && !key.Contains('\0', StringComparison.Ordinal);
}
