using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Molecule.Kernel.Yaml;

/// <summary>
/// Reads YAML that callers do not trust (plugin manifests, workspace and org templates) into an
/// untyped tree of strings, sequences and mappings. It refuses anchors and aliases (alias
/// expansion is how a few bytes become gigabytes), tags (they ask for typed objects), keys
/// that are not scalars, duplicate keys, more than one document and nesting deeper than
/// <see cref="MaxDepth"/>, and tabs used as indentation (YAML forbids them; parsers disagree on
/// what they mean). Nothing is converted: <c>1.0</c>, <c>yes</c> and <c>null</c> stay the
/// text written, so each caller decides what a field means. Callers treat a refused file as a
/// missing one.
/// </summary>
public static class SafeYaml
{
    public const int MaxDepth = 64;

    /// <summary>The document's root node; null for an empty document.</summary>
    /// <exception cref="SafeYamlException">The text is malformed or uses a refused feature.</exception>
    public static YamlNode? Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        text = text.TrimStart('\uFEFF');
        try
        {
            var blockScalarLines = new List<(long First, long Last)>();
            var parser = new Parser(new StringReader(text));
            parser.Consume<StreamStart>();
            if (parser.TryConsume<StreamEnd>(out _))
            {
                return null;
            }

            parser.Consume<DocumentStart>();
            var root = Read(parser, depth: 0, blockScalarLines);
            parser.Consume<DocumentEnd>();
            if (parser.Current is { } next and not StreamEnd)
            {
                throw Refused("only one document is allowed", next);
            }

            RefuseTabIndentation(text, blockScalarLines);
            return root is YamlScalar { Quoted: false, Text: "" } ? null : root;
        }
        catch (YamlException exception)
        {
            throw new SafeYamlException(exception.Message, exception.Start.Line);
        }
    }

    private static YamlNode Read(IParser parser, int depth, List<(long First, long Last)> blockScalarLines)
    {
        var current = parser.Current ?? throw new SafeYamlException("unexpected end of the document", 0);
        switch (current)
        {
            case AnchorAlias:
                throw Refused("anchors and aliases are not allowed", current);
            case NodeEvent { Anchor.IsEmpty: false }:
                throw Refused("anchors and aliases are not allowed", current);
            case NodeEvent { Tag.IsEmpty: false }:
                throw Refused("tags are not allowed", current);
        }

        if (depth >= MaxDepth)
        {
            throw Refused($"nesting deeper than {MaxDepth} levels is not allowed", current);
        }

        switch (current)
        {
            case Scalar scalar:
                if (scalar.Style is ScalarStyle.Literal or ScalarStyle.Folded)
                {
                    blockScalarLines.Add((scalar.Start.Line, scalar.End.Line));
                }

                parser.MoveNext();
                return new YamlScalar(scalar.Value, scalar.Style is not ScalarStyle.Plain);
            case SequenceStart:
                parser.MoveNext();
                var items = new List<YamlNode>();
                while (!parser.TryConsume<SequenceEnd>(out _))
                {
                    items.Add(Read(parser, depth + 1, blockScalarLines));
                }

                return new YamlSequence(items);
            case MappingStart:
                parser.MoveNext();
                var entries = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
                while (!parser.TryConsume<MappingEnd>(out _))
                {
                    var keyEvent = parser.Current!;
                    if (Read(parser, depth + 1, blockScalarLines) is not YamlScalar key)
                    {
                        throw Refused("a mapping key must be a scalar", keyEvent);
                    }

                    if (!entries.TryAdd(key.Text, Read(parser, depth + 1, blockScalarLines)))
                    {
                        throw Refused($"duplicate key \"{key.Text}\"", keyEvent);
                    }
                }

                return new YamlMapping(entries);
            default:
                throw Refused($"unexpected {current.GetType().Name}", current);
        }
    }

    // Inside a block scalar a tab after the indentation is content; anywhere else it would be indentation.
    private static void RefuseTabIndentation(string text, List<(long First, long Last)> blockScalarLines)
    {
        var lineNumber = 0L;
        foreach (var line in text.Split('\n'))
        {
            lineNumber++;
            var content = line.TrimStart(' ');
            if (content.StartsWith('\t') && content.Trim().Length > 0
                && !blockScalarLines.Any(range => lineNumber > range.First && lineNumber <= range.Last))
            {
                throw new SafeYamlException("tabs are not allowed in indentation", lineNumber);
            }
        }
    }

    private static SafeYamlException Refused(string reason, ParsingEvent at) => new(reason, at.Start.Line);
}
