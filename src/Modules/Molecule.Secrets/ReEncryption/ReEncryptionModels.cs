using System.Text.Json.Serialization;

namespace Molecule.Secrets.ReEncryption;

/// <summary>How much one run may do: rows per batch (one transaction each) and, optionally, how many batches.</summary>
internal sealed record ReEncryptionLimits(int BatchSize, int? MaxBatches)
{
    public const int DefaultBatchSize = 100;
    public const int LargestBatchSize = 1000;

    public static ReEncryptionLimits Default { get; } = new(DefaultBatchSize, MaxBatches: null);
}

/// <summary>
/// What a run did. <c>remaining</c> counts rows still older than <c>current_version</c> after the run:
/// rows that failed to open, rows locked by a concurrent run, and rows beyond <c>max_batches</c>.
/// </summary>
internal sealed record ReEncryptionReport(
    [property: JsonPropertyName("reencrypted")] int ReEncrypted,
    [property: JsonPropertyName("failed")] int Failed,
    [property: JsonPropertyName("failed_keys")] IReadOnlyList<string> FailedKeys,
    [property: JsonPropertyName("remaining")] long Remaining,
    [property: JsonPropertyName("batches")] int Batches,
    [property: JsonPropertyName("current_version")] int CurrentVersion);

[JsonSerializable(typeof(ReEncryptionReport))]
internal sealed partial class ReEncryptionJsonContext : JsonSerializerContext;
