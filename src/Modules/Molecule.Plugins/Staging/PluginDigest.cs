using System.Security.Cryptography;
using System.Text;

namespace Molecule.Plugins.Staging;

/// <summary>
/// The content digest a plugin's root <c>manifest.json</c> may pin (<c>"sha256"</c>): for every file
/// except that root manifest (nested manifests count), the string <c>&lt;relative path&gt;\0&lt;bytes&gt;</c>;
/// those strings sorted, concatenated and hashed with SHA-256; lowercase hex.
/// </summary>
internal static class PluginDigest
{
    public const string ManifestFile = "manifest.json";

    private static readonly byte[] Separator = [0];

    /// <summary>
    /// Paths never contain NUL and are unique, so sorting the <c>path\0bytes</c> strings is the same as
    /// sorting by path bytes: each file can be streamed into the hash instead of held in memory.
    /// </summary>
    public static async Task<string> ComputeAsync(IReadOnlyList<StagedEntry> entries, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[64 * 1024];
        foreach (var entry in entries.Where(e => !e.IsDirectory && e.RelativePath != ManifestFile))
        {
            hash.AppendData(Encoding.UTF8.GetBytes(entry.RelativePath));
            hash.AppendData(Separator);
            await using var file = File.OpenRead(entry.FullPath);
            int read;
            while ((read = await file.ReadAsync(buffer, cancellationToken)) > 0)
            {
                hash.AppendData(buffer, 0, read);
            }
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
