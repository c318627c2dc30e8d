using Microsoft.Extensions.Logging;

namespace Molecule.Files.Http;

/// <summary>What the files routes log: paths and reasons, never file content.</summary>
internal static partial class FilesLog
{
    public const string Category = "Molecule.Files";

    [LoggerMessage(Level = LogLevel.Warning, Message = "writing into template directory {Template} failed: {Reason}")]
    public static partial void TemplateWriteFailed(this ILogger logger, string template, string reason);
}
