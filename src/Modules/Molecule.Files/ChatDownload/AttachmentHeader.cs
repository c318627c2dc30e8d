using System.Text;

namespace Molecule.Files.ChatDownload;

/// <summary>
/// <c>Content-Disposition: attachment; filename="…"; filename*=UTF-8''…</c> for a download. The
/// quoted name drops control characters and escapes <c>"</c> and <c>\</c>; non-ASCII characters
/// become <c>_</c> there (a header value must be ASCII) and survive in the percent-encoded form.
/// </summary>
internal static class AttachmentHeader
{
    public static string For(string fileName) =>
        $"attachment; filename=\"{Quoted(fileName)}\"; filename*=UTF-8''{PercentEncoded(fileName)}";

    internal static string Quoted(string fileName)
    {
        var quoted = new StringBuilder(fileName.Length);
        foreach (var c in fileName)
        {
            if (char.IsControl(c))
            {
                continue;
            }

            if (c is '"' or '\\')
            {
                quoted.Append('\\');
            }

            quoted.Append(c > '\u007e' ? '_' : c);
        }

        return quoted.ToString();
    }

    /// <summary>RFC 5987: every UTF-8 byte outside <c>A-Za-z0-9-._~</c> as <c>%XX</c> (upper-case hex).</summary>
    internal static string PercentEncoded(string fileName)
    {
        var encoded = new StringBuilder(fileName.Length * 3);
        foreach (var b in Encoding.UTF8.GetBytes(fileName))
        {
            if (b is (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'a' and <= (byte)'z') or (>= (byte)'0' and <= (byte)'9')
                or (byte)'-' or (byte)'.' or (byte)'_' or (byte)'~')
            {
                encoded.Append((char)b);
            }
            else
            {
                encoded.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return encoded.ToString();
    }
}
