using System.Buffers;

namespace Molecule.Ssh;

/// <summary>
/// Reads a command's output stream to its end while it runs, keeping at most a cap. Reading past
/// the cap (and dropping) rather than stopping keeps the channel's window moving, so a chatty
/// command finishes instead of stalling, and memory stays bounded either way.
/// </summary>
internal static class BoundedOutput
{
    private const int ChunkSize = 16 * 1024;

    public static async Task<BoundedBytes> DrainAsync(Stream stream, int cap, CancellationToken cancellationToken)
    {
        using var kept = new MemoryStream();
        var truncated = false;
        var chunk = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            while (true)
            {
                int read;
                try
                {
                    read = await stream.ReadAsync(chunk.AsMemory(0, ChunkSize), cancellationToken);
                }
                catch (ObjectDisposedException)
                {
                    // SSH.NET disposes the pipe when the channel closes: that is the end of the output.
                    break;
                }

                if (read == 0)
                {
                    break;
                }

                var room = cap - (int)kept.Length;
                if (room > 0)
                {
                    kept.Write(chunk, 0, Math.Min(room, read));
                }

                truncated |= read > room;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return new BoundedBytes(kept.ToArray(), truncated);
    }
}
