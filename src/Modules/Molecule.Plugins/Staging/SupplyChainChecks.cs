using System.Security.Cryptography;
using System.Text.Json;

namespace Molecule.Plugins.Staging;

/// <summary>
/// The two integrity checks on a staged plugin: the digest its own root <c>manifest.json</c> pins,
/// and the caller's <c>sha256</c> of its <c>plugin.yaml</c>.
/// </summary>
internal static class SupplyChainChecks
{
    /// <summary>A manifest larger than this is not a manifest; reading it whole is refused.</summary>
    private const long MaxManifestBytes = 1024 * 1024;

    /// <summary>
    /// True when there is no root manifest.json or it has no <c>sha256</c> key; false when it is not
    /// a JSON object, its <c>sha256</c> is not a string, or the digest differs (case-insensitively).
    /// </summary>
    public static async Task<bool> ManifestDigestHoldsAsync(string root, IReadOnlyList<StagedEntry> entries, CancellationToken cancellationToken)
    {
        var path = Path.Combine(root, PluginDigest.ManifestFile);
        if (!File.Exists(path))
        {
            return true;
        }

        if (new FileInfo(path).Length > MaxManifestBytes)
        {
            return false;
        }

        string? pinned;
        try
        {
            using var document = JsonDocument.Parse(await File.ReadAllBytesAsync(path, cancellationToken));
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            if (!document.RootElement.TryGetProperty("sha256", out var sha))
            {
                return true;
            }

            if (sha.ValueKind != JsonValueKind.String)
            {
                return false;
            }

            pinned = sha.GetString();
        }
        catch (JsonException)
        {
            return false;
        }

        var actual = await PluginDigest.ComputeAsync(entries, cancellationToken);
        return string.Equals(pinned, actual, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The caller's pin: null when it holds, else the reference's 422 text.</summary>
    public static async Task<string?> PluginYamlPinProblemAsync(string root, string expected, CancellationToken cancellationToken)
    {
        var path = Path.Combine(root, Manifest.PluginManifestReader.FileName);
        if (!File.Exists(path))
        {
            return "sha256 check failed: plugin.yaml not found in staged plugin";
        }

        await using var file = File.OpenRead(path);
        var actual = Convert.ToHexStringLower(await SHA256.HashDataAsync(file, cancellationToken));
        return string.Equals(expected, actual, StringComparison.OrdinalIgnoreCase)
            ? null
            : $"sha256 mismatch: expected {expected}, got {actual}";
    }
}
