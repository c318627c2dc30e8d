using Molecule.Files.Backends;

namespace Molecule.Files.Http;

internal static class OpenedFiles
{
    /// <summary>The whole file, or null when it is larger than <paramref name="maxBytes"/> (nothing read then).</summary>
    public static async Task<byte[]?> ReadAllAsync(OpenedFile file, long maxBytes, CancellationToken cancellationToken)
    {
        await using (file)
        {
            if (file.Size > maxBytes)
            {
                return null;
            }

            var content = new byte[file.Size];
            await file.Content.ReadExactlyAsync(content, cancellationToken);
            return content;
        }
    }
}
