using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Molecule.Secrets.ReEncryption;

/// <summary>
/// The optional body of POST /admin/secrets/reencrypt: <c>{"batch_size":N, "max_batches":M}</c>, both
/// optional, nothing else allowed. An empty body means the defaults.
/// </summary>
internal static class ReEncryptRequest
{
    public const long MaxBytes = 4 * 1024;
    public const string BatchSizeField = "batch_size";
    public const string MaxBatchesField = "max_batches";

    public static bool TryParse(byte[] body, [NotNullWhen(true)] out ReEncryptionLimits? limits, [NotNullWhen(false)] out string? error)
    {
        limits = null;
        if (body.AsSpan().Trim(" \t\r\n"u8).IsEmpty)
        {
            limits = ReEncryptionLimits.Default;
            error = null;
            return true;
        }

        JsonObject? json;
        try
        {
            json = JsonNode.Parse(body) as JsonObject;
        }
        catch (JsonException)
        {
            json = null;
        }

        if (json is null)
        {
            error = "invalid request body: expected a JSON object";
            return false;
        }

        if (json.Select(pair => pair.Key).FirstOrDefault(name => name is not (BatchSizeField or MaxBatchesField)) is { } unknown)
        {
            error = $"unknown field \"{unknown}\"; allowed: {BatchSizeField}, {MaxBatchesField}";
            return false;
        }

        var batchSize = ReEncryptionLimits.DefaultBatchSize;
        if (json.ContainsKey(BatchSizeField)
            && !TryReadInt(json[BatchSizeField], 1, ReEncryptionLimits.LargestBatchSize, out batchSize))
        {
            error = $"{BatchSizeField} must be an integer from 1 to {ReEncryptionLimits.LargestBatchSize}";
            return false;
        }

        int? maxBatches = null;
        if (json.ContainsKey(MaxBatchesField))
        {
            if (!TryReadInt(json[MaxBatchesField], 1, int.MaxValue, out var max))
            {
                error = $"{MaxBatchesField} must be a positive integer";
                return false;
            }

            maxBatches = max;
        }

        limits = new ReEncryptionLimits(batchSize, maxBatches);
        error = null;
        return true;
    }

    private static bool TryReadInt(JsonNode? node, int min, int max, out int value)
    {
        value = 0;
        return node is JsonValue number
            && number.GetValueKind() == JsonValueKind.Number
            && number.TryGetValue(out value)
            && value >= min && value <= max;
    }
}
