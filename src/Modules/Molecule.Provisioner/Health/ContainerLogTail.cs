using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Molecule.Docker;
using Molecule.Kernel.Secrets;

namespace Molecule.Provisioner.Health;

/// <summary>
/// The last lines a dead container printed, for its workspace's error and event: at most
/// <see cref="Lines"/> lines and <see cref="MaxBytes"/> bytes, with the workspace's secret values
/// and bearer tokens masked. When the secrets cannot be read the tail is withheld rather than
/// risk printing one.
/// </summary>
internal sealed partial class ContainerLogTail(IDockerEngine engine, ISecretReader secrets, ILogger<ContainerLogTail> logger)
{
    public const int Lines = 50;
    public const int MaxBytes = 4096;
    public const string Withheld = "(log tail withheld: the workspace's secrets could not be read to mask them)";

    private const int ReadCap = 64 * 1024;
    private const int ShortestMaskedSecret = 4;

    public async Task<string> ReadAsync(string containerId, Guid workspaceId, CancellationToken cancellationToken)
    {
        string raw;
        try
        {
            raw = await ReadRawAsync(containerId, cancellationToken);
        }
        catch (DockerException exception)
        {
            LogUnreadable(containerId, exception.Message);
            return "";
        }

        IReadOnlyDictionary<string, string> values;
        try
        {
            values = await secrets.ReadMergedAsync(workspaceId, cancellationToken);
        }
        catch (SecretDecryptionException)
        {
            return Withheld;
        }

        return Tail(Mask(raw, values.Values));
    }

    /// <summary>Replaces every secret value and anything after "Bearer " with a marker.</summary>
    public static string Mask(string text, IEnumerable<string> secretValues)
    {
        foreach (var value in secretValues.Where(value => value.Length >= ShortestMaskedSecret).OrderByDescending(value => value.Length))
        {
            text = text.Replace(value, "[REDACTED]", StringComparison.Ordinal);
        }

        return BearerToken().Replace(text, "Bearer [REDACTED]");
    }

    /// <summary>The last <see cref="Lines"/> lines, cut to the last <see cref="MaxBytes"/> bytes on a character boundary.</summary>
    public static string Tail(string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n').Split('\n');
        var tail = string.Join('\n', lines.Skip(Math.Max(0, lines.Length - Lines)));
        var bytes = Encoding.UTF8.GetBytes(tail);
        if (bytes.Length <= MaxBytes)
        {
            return tail;
        }

        var start = bytes.Length - MaxBytes;
        while (start < bytes.Length && (bytes[start] & 0xC0) == 0x80)
        {
            start++;
        }

        return "...(truncated)...\n" + Encoding.UTF8.GetString(bytes, start, bytes.Length - start);
    }

    /// <summary>stdout and stderr in the order the container wrote them.</summary>
    private async Task<string> ReadRawAsync(string containerId, CancellationToken cancellationToken)
    {
        await using var output = await engine.GetContainerLogsAsync(containerId, new DockerLogsOptions { Tail = Lines }, cancellationToken);
        var collected = new MemoryStream();
        var buffer = new byte[8192];
        while (collected.Length < ReadCap)
        {
            var chunk = await output.ReadAsync(buffer, cancellationToken);
            if (chunk.IsEnd)
            {
                break;
            }

            collected.Write(buffer, 0, chunk.Count);
        }

        return Encoding.UTF8.GetString(collected.GetBuffer(), 0, (int)collected.Length);
    }

    [GeneratedRegex(@"Bearer\s+[A-Za-z0-9\-._~+/]+=*")]
    private static partial Regex BearerToken();

    [LoggerMessage(Level = LogLevel.Warning, Message = "could not read the logs of container {Container}: {Error}")]
    private partial void LogUnreadable(string container, string error);
}
