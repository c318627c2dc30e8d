using System.Globalization;
using System.Text;

namespace Molecule.Plugins.Manifest;

/// <summary>
/// Reads the part of YAML that <c>plugin.yaml</c> files use: block mappings and sequences (nested,
/// including <c>- key: value</c> items), flow sequences and mappings (<c>[a, b]</c>, <c>{k: v}</c>),
/// plain, single- and double-quoted scalars, literal and folded block scalars (<c>|</c>, <c>&gt;</c>
/// with chomping), multi-line plain scalars, comments and a leading <c>---</c>. Anchors, aliases,
/// tags, complex keys and multiple documents are outside the subset and refused, as is anything
/// malformed: the caller treats a refused file like a missing one. No YAML package is available here.
/// </summary>
internal sealed class YamlSubsetReader
{
    private readonly List<Line> _lines;
    private int _index;

    private YamlSubsetReader(List<Line> lines) => _lines = lines;

    /// <summary>The document's root node; null for an empty document.</summary>
    /// <exception cref="YamlSubsetException">The text is outside the subset or malformed.</exception>
    public static YamlNode? Parse(string text)
    {
        var reader = new YamlSubsetReader(SplitLines(text));
        reader.SkipDocumentStart();
        if (reader.Peek() is not { } first)
        {
            return null;
        }

        var root = reader.ParseBlock(first.Indent, parentIndent: -1);
        if (reader.Peek() is { } extra)
        {
            throw new YamlSubsetException("unexpected content after the document", extra.Number);
        }

        return root;
    }

    private static List<Line> SplitLines(string text)
    {
        var lines = new List<Line>();
        var raw = text.TrimStart('\uFEFF').Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < raw.Length; i++)
        {
            var line = raw[i].TrimEnd(' ', '\t', '\r');
            var indent = 0;
            while (indent < line.Length && line[indent] == ' ')
            {
                indent++;
            }

            lines.Add(new Line(i + 1, indent, line[indent..], raw[i].TrimEnd('\r')));
        }

        return lines;
    }

    private void SkipDocumentStart()
    {
        while (_index < _lines.Count && (IsBlankOrComment(_lines[_index]) || _lines[_index].Content.StartsWith('%')))
        {
            _index++;
        }

        if (_index < _lines.Count && _lines[_index] is { Indent: 0, Content: "---" })
        {
            _index++;
        }
    }

    /// <summary>The next line with content, skipping blanks and comments; null at the end of the document.</summary>
    private Line? Peek()
    {
        while (_index < _lines.Count && IsBlankOrComment(_lines[_index]))
        {
            _index++;
        }

        if (_index >= _lines.Count || _lines[_index] is { Indent: 0, Content: "..." })
        {
            return null;
        }

        var line = _lines[_index];
        if (line is { Indent: 0, Content: "---" } || line.Content.StartsWith("--- ", StringComparison.Ordinal))
        {
            throw new YamlSubsetException("only one document is supported", line.Number);
        }

        if (line.Content.StartsWith('\t'))
        {
            throw new YamlSubsetException("tabs are not allowed in indentation", line.Number);
        }

        return line;
    }

    private static bool IsBlankOrComment(Line line) => line.Content.Length == 0 || line.Content.StartsWith('#');

    private YamlNode ParseBlock(int indent, int parentIndent)
    {
        var line = Peek()!;
        if (IsSequenceItem(line.Content))
        {
            return ParseSequence(indent);
        }

        if (TrySplitKey(line, out _, out _))
        {
            return ParseMapping(indent);
        }

        _index++;
        return ParseValue(line.Content, parentIndent, line.Number);
    }

    private YamlMapping ParseMapping(int indent)
    {
        var entries = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        while (Peek() is { } line && line.Indent == indent)
        {
            if (!TrySplitKey(line, out var key, out var rest))
            {
                throw new YamlSubsetException("expected 'key: value'", line.Number);
            }

            _index++;
            if (!entries.TryAdd(key, ParseValue(rest, indent, line.Number, allowSequenceAtSameIndent: true)))
            {
                throw new YamlSubsetException($"duplicate key '{key}'", line.Number);
            }
        }

        ThrowIfOverIndented(indent);
        return new YamlMapping(entries);
    }

    private YamlSequence ParseSequence(int indent)
    {
        var items = new List<YamlNode>();
        while (Peek() is { } line && line.Indent == indent && IsSequenceItem(line.Content))
        {
            var rest = line.Content[1..];
            var offset = rest.Length - rest.TrimStart(' ').Length;
            rest = rest.TrimStart(' ');
            if (rest.Length > 0 && (IsSequenceItem(rest) || TrySplitKey(line with { Content = rest }, out _, out _)))
            {
                // "- key: value" or "- - x": the item is a block node that starts on this line, at
                // the column after the dash; following lines at that column continue it.
                var itemIndent = indent + 1 + offset;
                _lines[_index] = line with { Indent = itemIndent, Content = rest };
                items.Add(ParseBlock(itemIndent, indent));
                continue;
            }

            _index++;
            items.Add(ParseValue(rest, indent, line.Number));
        }

        ThrowIfOverIndented(indent);
        return new YamlSequence(items);
    }

    private void ThrowIfOverIndented(int indent)
    {
        if (Peek() is { } next && next.Indent > indent)
        {
            throw new YamlSubsetException("unexpected indentation", next.Number);
        }
    }

    /// <summary>
    /// The value after <c>key:</c> or <c>-</c> (already consumed); nested blocks, block scalars and
    /// multi-line plain scalars continue on lines indented deeper than <paramref name="parentIndent"/>.
    /// </summary>
    private YamlNode ParseValue(string rest, int parentIndent, int lineNumber, bool allowSequenceAtSameIndent = false)
    {
        if (rest.Length == 0 || rest.StartsWith('#'))
        {
            if (Peek() is { } next)
            {
                if (next.Indent > parentIndent)
                {
                    return ParseBlock(next.Indent, parentIndent);
                }

                // YAML lets a mapping's sequence value sit at the key's own indentation.
                if (allowSequenceAtSameIndent && next.Indent == parentIndent && IsSequenceItem(next.Content))
                {
                    return ParseSequence(parentIndent);
                }
            }

            return new YamlScalar("", Quoted: false);
        }

        return rest[0] switch
        {
            '|' or '>' => ParseBlockScalar(rest, parentIndent, lineNumber),
            '[' or '{' => ParseFlow(rest, lineNumber),
            '"' or '\'' => ParseQuotedValue(rest, lineNumber),
            '&' or '*' or '!' => throw new YamlSubsetException("anchors, aliases and tags are not supported", lineNumber),
            '@' or '`' => throw new YamlSubsetException($"a plain scalar cannot start with '{rest[0]}'", lineNumber),
            _ => ParsePlain(rest, parentIndent),
        };
    }

    private YamlScalar ParsePlain(string rest, int parentIndent)
    {
        var text = new StringBuilder(StripComment(rest).Trim());
        var breaks = 0;
        while (_index < _lines.Count)
        {
            var line = _lines[_index];
            if (line.Content.Length == 0)
            {
                breaks++;
                _index++;
                continue;
            }

            if (line.Indent <= parentIndent || line.Content.StartsWith('#') || line.Content is "..." or "---")
            {
                break;
            }

            if (TrySplitKey(line, out _, out _))
            {
                throw new YamlSubsetException("a mapping key cannot continue a plain scalar", line.Number);
            }

            text.Append(breaks == 0 ? " " : new string('\n', breaks));
            text.Append(StripComment(line.Content).Trim());
            breaks = 0;
            _index++;
        }

        return new YamlScalar(text.ToString(), Quoted: false);
    }

    private static YamlScalar ParseQuotedValue(string rest, int lineNumber)
    {
        var cursor = new FlowCursor(rest, lineNumber);
        var scalar = cursor.ReadQuoted();
        cursor.ExpectEndOfLine();
        return scalar;
    }

    /// <summary>A flow collection, gathering following lines until its brackets close.</summary>
    private YamlNode ParseFlow(string rest, int lineNumber)
    {
        var text = StripComment(rest);
        while (!FlowCursor.IsBalanced(text))
        {
            if (_index >= _lines.Count)
            {
                throw new YamlSubsetException("unterminated flow collection", lineNumber);
            }

            text += " " + StripComment(_lines[_index].Content);
            _index++;
        }

        var cursor = new FlowCursor(text, lineNumber);
        var node = cursor.ReadNode();
        cursor.ExpectEndOfLine();
        return node;
    }

    private YamlScalar ParseBlockScalar(string header, int parentIndent, int lineNumber)
    {
        var folded = header[0] == '>';
        var chomp = '\0';
        int? explicitIndent = null;
        foreach (var c in StripComment(header[1..]).TrimEnd())
        {
            if (c is '-' or '+' && chomp == '\0')
            {
                chomp = c;
            }
            else if (c is >= '1' and <= '9' && explicitIndent is null)
            {
                explicitIndent = c - '0';
            }
            else
            {
                throw new YamlSubsetException("invalid block scalar header", lineNumber);
            }
        }

        var contentIndent = explicitIndent is { } step ? Math.Max(parentIndent, 0) + step : (int?)null;
        var lines = new List<string>();
        while (_index < _lines.Count)
        {
            var line = _lines[_index];
            if (line.Content.Length == 0)
            {
                lines.Add("");
                _index++;
                continue;
            }

            contentIndent ??= line.Indent;
            if (line.Indent < contentIndent || line.Indent <= parentIndent)
            {
                break;
            }

            lines.Add(line.Raw.TrimEnd(' ', '\t')[contentIndent.Value..]);
            _index++;
        }

        var trailingEmpty = 0;
        while (lines.Count > 0 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
            trailingEmpty++;
        }

        var body = folded ? Fold(lines) : string.Join('\n', lines);
        var tail = chomp switch
        {
            '-' => "",
            '+' => new string('\n', trailingEmpty + (lines.Count > 0 ? 1 : 0)),
            _ => lines.Count > 0 ? "\n" : "",
        };
        return new YamlScalar(body + tail, Quoted: true);
    }

    /// <summary>Folding: a single break between two ordinary lines becomes a space; empty and more-indented lines keep their breaks.</summary>
    private static string Fold(List<string> lines)
    {
        var text = new StringBuilder();
        var empty = 0;
        var previousMoreIndented = false;
        var any = false;
        foreach (var line in lines)
        {
            if (line.Length == 0)
            {
                empty++;
                continue;
            }

            var moreIndented = line[0] is ' ' or '\t';
            if (any)
            {
                var keepBreak = previousMoreIndented || moreIndented;
                text.Append(empty > 0 ? (keepBreak ? "\n" : "") + new string('\n', empty) : keepBreak ? "\n" : " ");
            }
            else
            {
                text.Append('\n', empty);
            }

            text.Append(line);
            empty = 0;
            previousMoreIndented = moreIndented;
            any = true;
        }

        return text.ToString();
    }

    private static bool IsSequenceItem(string content) => content == "-" || content.StartsWith("- ", StringComparison.Ordinal);

    /// <summary>Splits <c>key: rest</c>; keys may be plain or quoted. Flow collections and items are not keys.</summary>
    private static bool TrySplitKey(Line line, out string key, out string rest)
    {
        key = "";
        rest = "";
        var content = line.Content;
        if (content.Length == 0 || content[0] is '[' or '{' or '#' or '|' or '>' || IsSequenceItem(content))
        {
            return false;
        }

        int colon;
        if (content[0] is '"' or '\'')
        {
            var cursor = new FlowCursor(content, line.Number);
            YamlScalar quoted;
            try
            {
                quoted = cursor.ReadQuoted();
            }
            catch (YamlSubsetException)
            {
                return false;
            }

            colon = cursor.Position;
            if (colon >= content.Length || content[colon] != ':')
            {
                return false;
            }

            key = quoted.Text;
        }
        else
        {
            colon = FindKeyColon(content);
            if (colon <= 0)
            {
                return false;
            }

            key = content[..colon].TrimEnd();
        }

        if (colon + 1 < content.Length && content[colon + 1] != ' ')
        {
            return false;
        }

        rest = content[(colon + 1)..].Trim();
        return true;
    }

    /// <summary>The first <c>:</c> followed by a space or the line end, before any comment.</summary>
    private static int FindKeyColon(string content)
    {
        for (var i = 0; i < content.Length; i++)
        {
            if (content[i] == '#' && i > 0 && content[i - 1] == ' ')
            {
                return -1;
            }

            if (content[i] == ':' && (i + 1 == content.Length || content[i + 1] == ' '))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Cuts a trailing <c> #comment</c>, leaving quoted text alone.</summary>
    private static string StripComment(string text)
    {
        var quote = '\0';
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quote != '\0')
            {
                if (c == '\\' && quote == '"')
                {
                    i++;
                }
                else if (c == quote)
                {
                    quote = '\0';
                }
            }
            else if (c is '"' or '\'' && (i == 0 || text[i - 1] is ' ' or '[' or '{' or ','))
            {
                quote = c;
            }
            else if (c == '#' && (i == 0 || text[i - 1] is ' ' or '\t'))
            {
                return text[..i].TrimEnd();
            }
        }

        return text;
    }

    private sealed record Line(int Number, int Indent, string Content, string Raw);

    /// <summary>A cursor over one line of flow syntax: quoted scalars and <c>[…]</c>/<c>{…}</c> collections.</summary>
    private sealed class FlowCursor(string text, int lineNumber)
    {
        private const int MaxDepth = 32;

        public int Position { get; private set; }

        public static bool IsBalanced(string text)
        {
            var depth = 0;
            var quote = '\0';
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if (quote != '\0')
                {
                    if (c == '\\' && quote == '"')
                    {
                        i++;
                    }
                    else if (c == quote)
                    {
                        quote = '\0';
                    }

                    continue;
                }

                switch (c)
                {
                    case '"' or '\'':
                        quote = c;
                        break;
                    case '[' or '{':
                        depth++;
                        break;
                    case ']' or '}':
                        depth--;
                        break;
                }
            }

            return depth <= 0 && quote == '\0';
        }

        public YamlNode ReadNode(int depth = 0)
        {
            if (depth > MaxDepth)
            {
                throw Error("flow collections are nested too deeply");
            }

            SkipSpaces();
            return Current switch
            {
                '[' => ReadSequence(depth),
                '{' => ReadMapping(depth),
                '"' or '\'' => ReadQuoted(),
                '&' or '*' or '!' => throw Error("anchors, aliases and tags are not supported"),
                _ => ReadPlain(stopAtColon: false),
            };
        }

        public YamlScalar ReadQuoted()
        {
            var quote = Current;
            Position++;
            var value = new StringBuilder();
            while (true)
            {
                if (Position >= text.Length)
                {
                    throw Error("unterminated quoted scalar");
                }

                var c = text[Position++];
                if (c == quote)
                {
                    if (quote == '\'' && Current == '\'')
                    {
                        value.Append('\'');
                        Position++;
                        continue;
                    }

                    return new YamlScalar(value.ToString(), Quoted: true);
                }

                if (c == '\\' && quote == '"')
                {
                    value.Append(ReadEscape());
                    continue;
                }

                value.Append(c);
            }
        }

        public void ExpectEndOfLine()
        {
            SkipSpaces();
            if (Position < text.Length && text[Position] != '#')
            {
                throw Error($"unexpected '{text[Position]}'");
            }
        }

        private char Current => Position < text.Length ? text[Position] : '\0';

        private YamlSequence ReadSequence(int depth)
        {
            Position++;
            var items = new List<YamlNode>();
            while (true)
            {
                SkipSpaces();
                if (Current == ']')
                {
                    Position++;
                    return new YamlSequence(items);
                }

                items.Add(ReadNode(depth + 1));
                SkipSpaces();
                if (Current == ',')
                {
                    Position++;
                }
                else if (Current != ']')
                {
                    throw Error("expected ',' or ']'");
                }
            }
        }

        private YamlMapping ReadMapping(int depth)
        {
            Position++;
            var entries = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
            while (true)
            {
                SkipSpaces();
                if (Current == '}')
                {
                    Position++;
                    return new YamlMapping(entries);
                }

                var key = Current is '"' or '\'' ? ReadQuoted() : ReadPlain(stopAtColon: true);
                SkipSpaces();
                YamlNode value = new YamlScalar("", Quoted: false);
                if (Current == ':')
                {
                    Position++;
                    SkipSpaces();
                    if (Current is not (',' or '}'))
                    {
                        value = ReadNode(depth + 1);
                    }
                }

                if (!entries.TryAdd(key.Text, value))
                {
                    throw Error($"duplicate key '{key.Text}'");
                }

                SkipSpaces();
                if (Current == ',')
                {
                    Position++;
                }
                else if (Current != '}')
                {
                    throw Error("expected ',' or '}'");
                }
            }
        }

        private YamlScalar ReadPlain(bool stopAtColon)
        {
            var start = Position;
            while (Position < text.Length)
            {
                var c = text[Position];
                if (c is ',' or '[' or ']' or '{' or '}'
                    || (c == ':' && (stopAtColon || Position + 1 == text.Length || text[Position + 1] is ' ' or ',' or ']' or '}'))
                    || (c == '#' && Position > start && text[Position - 1] == ' '))
                {
                    break;
                }

                Position++;
            }

            return new YamlScalar(text[start..Position].Trim(), Quoted: false);
        }

        private string ReadEscape()
        {
            var c = Current;
            Position++;
            return c switch
            {
                '\\' => "\\",
                '"' => "\"",
                '/' => "/",
                ' ' => " ",
                '0' => "\0",
                'a' => "\a",
                'b' => "\b",
                'e' => "\u001b",
                'f' => "\f",
                'n' => "\n",
                'r' => "\r",
                't' or '\t' => "\t",
                'v' => "\v",
                'N' => "\u0085",
                '_' => "\u00a0",
                'L' => "\u2028",
                'P' => "\u2029",
                'x' => ReadCodePoint(2),
                'u' => ReadCodePoint(4),
                'U' => ReadCodePoint(8),
                _ => throw Error($"unknown escape '\\{c}'"),
            };
        }

        private string ReadCodePoint(int digits)
        {
            if (Position + digits > text.Length
                || !int.TryParse(text.AsSpan(Position, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code)
                || code is < 0 or > 0x10FFFF || code is >= 0xD800 and <= 0xDFFF)
            {
                throw Error("invalid escaped code point");
            }

            Position += digits;
            return char.ConvertFromUtf32(code);
        }

        private void SkipSpaces()
        {
            while (Current is ' ' or '\t')
            {
                Position++;
            }
        }

        private YamlSubsetException Error(string message) => new(message, lineNumber);
    }
}
