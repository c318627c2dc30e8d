using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace Molecule.Secrets.ReEncryption;

/// <summary>
/// The server binary's <c>secrets reencrypt [--batch-size N] [--max-batches M]</c> verb: the same job
/// as POST /admin/secrets/reencrypt, for operators with database access but no admin token. Prints the
/// report as one JSON line; exit code 0 when nothing is left behind, 2 when rows remain (unreadable
/// or locked), 3 when KMS was unavailable, 64 on bad arguments.
/// </summary>
public static class SecretsCommandLine
{
    public const int ExitDone = 0;
    public const int ExitRowsRemain = 2;
    public const int ExitKeyServiceUnavailable = 3;
    public const int ExitUsage = 64;

    private const string Usage = "usage: secrets reencrypt [--batch-size 1..1000] [--max-batches N]";

    /// <summary>True when the process was started to run a secrets verb rather than serve.</summary>
    public static bool Matches(IReadOnlyList<string> args) => args.Count > 0 && args[0] == "secrets";

    public static async Task<int> RunAsync(IServiceProvider services, IReadOnlyList<string> args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (!TryParse(args, out var limits))
        {
            await error.WriteLineAsync(Usage);
            return ExitUsage;
        }

        var reEncryptor = services.GetRequiredService<SecretReEncryptor>();
        ReEncryptionReport report;
        try
        {
            report = await reEncryptor.RunAsync(limits, cancellationToken);
        }
        catch (Crypto.KeyServiceUnavailableException exception)
        {
            await error.WriteLineAsync($"{exception.Message}; finished batches are kept, run again to continue");
            return ExitKeyServiceUnavailable;
        }

        await output.WriteLineAsync(JsonSerializer.Serialize(report, ReEncryptionJsonContext.Default.ReEncryptionReport));
        return report.Remaining == 0 ? ExitDone : ExitRowsRemain;
    }

    private static bool TryParse(IReadOnlyList<string> args, out ReEncryptionLimits limits)
    {
        limits = ReEncryptionLimits.Default;
        if (args.Count < 2 || args[1] != "reencrypt" || args.Count % 2 != 0)
        {
            return false;
        }

        var batchSize = ReEncryptionLimits.DefaultBatchSize;
        int? maxBatches = null;
        for (var i = 2; i < args.Count; i += 2)
        {
            if (!int.TryParse(args[i + 1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) || number < 1)
            {
                return false;
            }

            switch (args[i])
            {
                case "--batch-size" when number <= ReEncryptionLimits.LargestBatchSize:
                    batchSize = number;
                    break;
                case "--max-batches":
                    maxBatches = number;
                    break;
                default:
                    return false;
            }
        }

        limits = new ReEncryptionLimits(batchSize, maxBatches);
        return true;
    }
}
