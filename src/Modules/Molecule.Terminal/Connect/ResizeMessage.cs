using System.Text.Json;
using Molecule.Terminal.Backends;

namespace Molecule.Terminal.Connect;

/// <summary>What a complete text message from the browser is.</summary>
internal enum ClientTextKind
{
    /// <summary>Keystrokes or pasted text: goes to the shell as is.</summary>
    Input,

    /// <summary>A valid resize request.</summary>
    Resize,

    /// <summary>A resize request with missing or unusable sizes: dropped, never typed into the shell.</summary>
    IgnoredResize,
}

internal readonly record struct ClientText(ClientTextKind Kind, TerminalSize Size = default)
{
    public static readonly ClientText Input = new(ClientTextKind.Input);
    public static readonly ClientText IgnoredResize = new(ClientTextKind.IgnoredResize);
}

/// <summary>
/// The one control message (ARCHITECTURE.md §9.6): a text message that is exactly a JSON object
/// <c>{"type":"resize","cols":C,"rows":R}</c> (any key order, whitespace allowed). Anything else —
/// other JSON, extra or repeated keys, trailing text — is input, so pasted JSON still reaches the
/// shell. Sizes must be positive integers; larger than the maximum is clamped.
/// </summary>
internal static class ResizeMessage
{
    /// <summary>Longer text is never a resize request (and is not held back to check).</summary>
    public const int MaxLength = 256;

    private static readonly JsonReaderOptions ReaderOptions = new() { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 4 };

    public static ClientText Classify(ReadOnlySpan<byte> utf8)
    {
        if (utf8.IsEmpty || utf8.Length > MaxLength)
        {
            return ClientText.Input;
        }

        try
        {
            return ClassifyJson(utf8);
        }
        catch (JsonException)
        {
            return ClientText.Input;
        }
    }

    private static ClientText ClassifyJson(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8, ReaderOptions);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return ClientText.Input;
        }

        bool? isResize = null;
        long? columns = null, rows = null;
        bool seenColumns = false, seenRows = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("type"u8))
            {
                if (isResize is not null || !reader.Read() || reader.TokenType != JsonTokenType.String)
                {
                    return ClientText.Input;
                }

                isResize = reader.ValueTextEquals("resize"u8);
            }
            else if (reader.ValueTextEquals("cols"u8) && !seenColumns)
            {
                seenColumns = true;
                columns = ReadInteger(ref reader);
            }
            else if (reader.ValueTextEquals("rows"u8) && !seenRows)
            {
                seenRows = true;
                rows = ReadInteger(ref reader);
            }
            else
            {
                return ClientText.Input; // an unknown or repeated key: not our message
            }
        }

        // The object must close and nothing but whitespace may follow (the reader throws on more).
        if (reader.TokenType != JsonTokenType.EndObject || reader.Read() || isResize != true)
        {
            return ClientText.Input;
        }

        return columns is { } c && rows is { } r && TerminalSize.From(c, r) is { } size
            ? new ClientText(ClientTextKind.Resize, size)
            : ClientText.IgnoredResize;
    }

    /// <summary>The property's value as a whole number; null for anything else (which is skipped).</summary>
    private static long? ReadInteger(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
        {
            return null;
        }

        if (reader.TokenType == JsonTokenType.Number)
        {
            return reader.TryGetInt64(out var value) ? value : null;
        }

        reader.Skip();
        return null;
    }
}
