using System.Text;

namespace Molecule.A2A.Activity;

/// <summary>
/// Previews of agent text for summaries and events. The reference cuts at a byte count; we cut at the
/// last whole character within that count so a preview is never invalid UTF-8.
/// </summary>
internal static class Utf8Preview
{
    /// <summary>The first <paramref name="maxBytes"/> bytes of <paramref name="text"/>, plus <paramref name="suffix"/> when it was cut.</summary>
    public static string Truncate(string text, int maxBytes, string suffix = "...")
    {
        if (Encoding.UTF8.GetByteCount(text) <= maxBytes)
        {
            return text;
        }

        var builder = new StringBuilder();
        var used = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            if (used + rune.Utf8SequenceLength > maxBytes)
            {
                break;
            }

            used += rune.Utf8SequenceLength;
            builder.Append(rune.ToString());
        }

        return builder.Append(suffix).ToString();
    }
}
