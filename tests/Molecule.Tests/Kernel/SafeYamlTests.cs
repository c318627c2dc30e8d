using Molecule.Kernel.Yaml;

namespace Molecule.Tests.Kernel;

/// <summary>The inputs the hand-written YAML subset reader was pinned with, read through YamlDotNet with the same outcomes.</summary>
public sealed class SafeYamlTests
{
    private static YamlMapping Map(string yaml) => SafeYaml.Parse(yaml).ShouldBeOfType<YamlMapping>();

    private static string Scalar(YamlMapping map, string key) => map.Entries[key].ShouldBeOfType<YamlScalar>().Text;

    private static string[] Items(YamlNode node) =>
        [.. node.ShouldBeOfType<YamlSequence>().Items.Select(item => item.ShouldBeOfType<YamlScalar>().Text)];

    [Fact]
    public void A_typical_plugin_yaml_reads_scalars_and_lists()
    {
        var map = Map("""
            # a plugin
            ---
            name: careful-bash
            version: 1.2.0   # semver
            description: "Asks before \"rm -rf\""
            author: 'Molecule AI''s team'
            tags: [safety, bash, "a,b"]
            skills:
              - careful-bash
              - review
            runtimes:
            - claude-code
            - langgraph
            """);

        Scalar(map, "name").ShouldBe("careful-bash");
        Scalar(map, "version").ShouldBe("1.2.0");
        Scalar(map, "description").ShouldBe("Asks before \"rm -rf\"");
        Scalar(map, "author").ShouldBe("Molecule AI's team");
        Items(map.Entries["tags"]).ShouldBe(["safety", "bash", "a,b"]);
        Items(map.Entries["skills"]).ShouldBe(["careful-bash", "review"]);
        Items(map.Entries["runtimes"]).ShouldBe(["claude-code", "langgraph"]);
    }

    [Fact]
    public void Scalars_stay_the_text_written()
    {
        var map = Map("""
            version: 1.0
            enabled: yes
            count: 0x10
            when: 2026-04-27
            """);

        Scalar(map, "version").ShouldBe("1.0");
        Scalar(map, "enabled").ShouldBe("yes");
        Scalar(map, "count").ShouldBe("0x10");
        Scalar(map, "when").ShouldBe("2026-04-27");
    }

    [Fact]
    public void Block_scalars_keep_or_fold_lines_with_chomping()
    {
        var map = Map("""
            literal: |
              line one
                indented
              line three

            folded: >
              joined
              words

              new paragraph
            stripped: |-
              no newline
            kept: |+
              trailing

            after: x
            """);

        Scalar(map, "literal").ShouldBe("line one\n  indented\nline three\n");
        Scalar(map, "folded").ShouldBe("joined words\nnew paragraph\n");
        Scalar(map, "stripped").ShouldBe("no newline");
        Scalar(map, "kept").ShouldBe("trailing\n\n");
        Scalar(map, "after").ShouldBe("x");
    }

    [Fact]
    public void Plain_scalars_may_continue_on_deeper_lines_and_keep_colons_and_hashes_inside()
    {
        var map = Map("""
            description: a long
              description that wraps
            url: https://example.com/a#frag
            note: ratio 1:2 # comment
            """);

        Scalar(map, "description").ShouldBe("a long description that wraps");
        Scalar(map, "url").ShouldBe("https://example.com/a#frag");
        Scalar(map, "note").ShouldBe("ratio 1:2");
    }

    [Fact]
    public void Nested_mappings_sequences_of_mappings_and_flow_mappings_parse()
    {
        var map = Map("""
            hooks:
              pre:
                - name: guard
                  command: "echo hi"
                - - nested
                  - list
            meta: {owner: molecule, tags: [x, y], empty: }
            empty_list: []
            nothing:
            """);

        var hooks = map.Entries["hooks"].ShouldBeOfType<YamlMapping>();
        var pre = hooks.Entries["pre"].ShouldBeOfType<YamlSequence>();
        var first = pre.Items[0].ShouldBeOfType<YamlMapping>();
        Scalar(first, "name").ShouldBe("guard");
        Scalar(first, "command").ShouldBe("echo hi");
        Items(pre.Items[1]).ShouldBe(["nested", "list"]);
        var meta = map.Entries["meta"].ShouldBeOfType<YamlMapping>();
        Scalar(meta, "owner").ShouldBe("molecule");
        Items(meta.Entries["tags"]).ShouldBe(["x", "y"]);
        meta.Entries["empty"].ShouldBeOfType<YamlScalar>().IsNull.ShouldBeTrue();
        map.Entries["empty_list"].ShouldBeOfType<YamlSequence>().Items.ShouldBeEmpty();
        map.Entries["nothing"].ShouldBeOfType<YamlScalar>().IsNull.ShouldBeTrue();
    }

    [Fact]
    public void Flow_sequences_may_span_lines()
    {
        var map = Map("""
            tags: [one,
              two, 'three']
            next: ok
            """);

        Items(map.Entries["tags"]).ShouldBe(["one", "two", "three"]);
        Scalar(map, "next").ShouldBe("ok");
    }

    [Fact]
    public void Double_quoted_escapes_are_decoded()
    {
        var map = Map("""
            text: "tab\tnew\nline \u00e9 \x41 \\ \""
            """);

        Scalar(map, "text").ShouldBe("tab\tnew\nline é A \\ \"");
    }

    [Fact]
    public void Quoted_null_is_a_string_and_unquoted_null_is_null()
    {
        var map = Map("""
            a: null
            b: "null"
            c: ~
            """);

        map.Entries["a"].ShouldBeOfType<YamlScalar>().IsNull.ShouldBeTrue();
        map.Entries["b"].ShouldBeOfType<YamlScalar>().IsNull.ShouldBeFalse();
        map.Entries["c"].ShouldBeOfType<YamlScalar>().IsNull.ShouldBeTrue();
    }

    [Fact]
    public void Windows_line_endings_and_a_byte_order_mark_are_accepted()
    {
        var map = Map("\uFEFFname: x\r\ntags:\r\n  - a\r\n");

        Scalar(map, "name").ShouldBe("x");
        Items(map.Entries["tags"]).ShouldBe(["a"]);
    }

    [Fact]
    public void An_empty_or_comment_only_document_is_null()
    {
        SafeYaml.Parse("").ShouldBeNull();
        SafeYaml.Parse("# nothing\n\n---\n").ShouldBeNull();
    }

    [Theory]
    [InlineData("a: 1\na: 2\n", "duplicate key")]
    [InlineData("a: &anchor x\n", "anchors")]
    [InlineData("a: *alias\n", null)]
    [InlineData("a: &x 1\nb: *x\n", "anchors")]
    [InlineData("a: !!str x\n", "tags")]
    [InlineData("a: !custom x\n", "tags")]
    [InlineData("? [complex]\n: key\n", "mapping key must be a scalar")]
    [InlineData("a: \"open\n", null)]
    [InlineData("a: [1, 2\n", null)]
    [InlineData("a: x\n  b: y\n", null)]
    [InlineData("a: 1\n---\nb: 2\n", "one document")]
    [InlineData("\ta: 1\n", "tabs")]
    [InlineData("a:\n\t- x\n", null)]
    [InlineData("a:\n  - x\n  y: z\n", null)]
    [InlineData("just text\nkey: value\n", null)]
    [InlineData("a: \"x\\q\"\n", null)]
    public void Malformed_text_and_refused_features_throw(string yaml, string? reason)
    {
        var error = Should.Throw<SafeYamlException>(() => SafeYaml.Parse(yaml));
        if (reason is not null)
        {
            error.Message.ShouldContain(reason);
        }
    }

    [Fact]
    public void A_tab_inside_a_block_scalar_is_content()
    {
        var map = Map("script: |\n  make\n  \tindented with a tab\nnext: ok\n");

        Scalar(map, "script").ShouldBe("make\n\tindented with a tab\n");
        Scalar(map, "next").ShouldBe("ok");
    }

    [Fact]
    public void Nesting_past_the_limit_is_refused_and_at_the_limit_is_read()
    {
        string Nested(int depth) => new string('[', depth) + new string(']', depth);

        SafeYaml.Parse(Nested(SafeYaml.MaxDepth)).ShouldBeOfType<YamlSequence>();
        Should.Throw<SafeYamlException>(() => SafeYaml.Parse(Nested(SafeYaml.MaxDepth + 1))).Message.ShouldContain("nesting");
    }

    [Fact]
    public void A_billion_laughs_document_is_refused_before_any_expansion()
    {
        var yaml = "a: &a [x, x, x, x, x, x, x, x, x]\n" +
            string.Concat(Enumerable.Range(1, 9).Select(i => $"{(char)('a' + i)}: &{(char)('a' + i)} [*{(char)('a' + i - 1)}, *{(char)('a' + i - 1)}, *{(char)('a' + i - 1)}]\n"));

        Should.Throw<SafeYamlException>(() => SafeYaml.Parse(yaml)).Message.ShouldContain("anchors");
    }
}
