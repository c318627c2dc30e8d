using System.Text;

namespace Molecule.Files.Paths;

/// <summary>
/// The one gate a caller's relative path passes before it names anything inside a workspace or a
/// template directory. Refused: empty, absolute, any <c>..</c> (even inside a name, as the reference,
/// and after percent-decoding, however many times it was encoded), NUL and other control
/// characters, backslashes, over-long paths or names. Accepted paths come back normalised: no empty
/// or <c>.</c> segments, no leading or trailing slash.
/// </summary>
internal static class RelativeFilePath
{
    public const string Invalid = "invalid path";

    public const int MaxLength = 4096;
    public const int MaxSegmentBytes = 255;

    // Enough to see through double and triple encoding; a path still changing after that is refused.
    private const int MaxDecodeRounds = 4;

    /// <summary>The normalised form of <paramref name="raw"/>, or null when it is refused.</summary>
    public static string? Normalize(string? raw)
    {
        if (string.IsNullOrEmpty(raw) || raw.Length > MaxLength || !IsSafeText(raw) || raw[0] == '/')
        {
            return null;
        }

        if (FullyDecoded(raw) is not { } decoded || !IsSafeText(decoded) || decoded.StartsWith('/'))
        {
            return null;
        }

        var segments = raw.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(segment => segment != ".").ToArray();
        if (segments.Length == 0 || segments.Any(segment => Encoding.UTF8.GetByteCount(segment) > MaxSegmentBytes))
        {
            return null;
        }

        return string.Join('/', segments);
    }

    /// <summary>No NUL or other control character, no backslash, no <c>..</c> anywhere.</summary>
    internal static bool IsSafeText(string text) =>
        !text.Contains("..", StringComparison.Ordinal) && !text.Any(c => c == '\\' || char.IsControl(c));

    /// <summary>Percent-decodes until nothing changes; null when that does not settle or yields invalid text.</summary>
    internal static string? FullyDecoded(string text)
    {
        for (var round = 0; round < MaxDecodeRounds; round++)
        {
            string decoded;
            try
            {
                decoded = Uri.UnescapeDataString(text);
            }
            catch (UriFormatException)
            {
                return null;
            }

            if (decoded == text)
            {
                return text;
            }

            text = decoded;
        }

        return null;
    }
}
