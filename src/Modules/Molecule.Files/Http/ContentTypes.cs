using Microsoft.AspNetCore.StaticFiles;

namespace Molecule.Files.Http;

/// <summary>MIME types by file extension; text types carry <c>charset=utf-8</c>, as Go's mime package gives them.</summary>
internal static class ContentTypes
{
    public const string Binary = "application/octet-stream";

    private static readonly FileExtensionContentTypeProvider Provider = new();

    /// <summary>The type for <paramref name="fileName"/>'s extension, or null when it has none we know.</summary>
    public static string? ForName(string fileName)
    {
        if (!Provider.TryGetContentType(fileName, out var type))
        {
            return null;
        }

        return type.StartsWith("text/", StringComparison.Ordinal) ? type + "; charset=utf-8" : type;
    }
}
