namespace Molecule.Plugins.Staging;

/// <summary>
/// Counts the bytes a fetch writes into staging and stops it as soon as the total passes the limit,
/// so an oversized plugin (or a compression bomb) never fills the disk first.
/// </summary>
internal sealed class StagingBudget(long maxBytes)
{
    public long MaxBytes { get; } = maxBytes;

    public long Used { get; private set; }

    /// <exception cref="StagingLimitExceededException">The total is now over the limit.</exception>
    public void Charge(long bytes)
    {
        Used += bytes;
        if (Used > MaxBytes)
        {
            throw new StagingLimitExceededException(MaxBytes);
        }
    }

    /// <summary>Copies <paramref name="input"/> to <paramref name="output"/>, charging as it goes.</summary>
    public async Task CopyAsync(Stream input, Stream output, CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        int read;
        while ((read = await input.ReadAsync(buffer, cancellationToken)) > 0)
        {
            Charge(read);
            await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }
    }
}

/// <summary>The staged plugin's files add up to more than PLUGIN_INSTALL_MAX_DIR_BYTES.</summary>
internal sealed class StagingLimitExceededException(long maxBytes)
    : Exception($"staged plugin exceeds {maxBytes} bytes");
