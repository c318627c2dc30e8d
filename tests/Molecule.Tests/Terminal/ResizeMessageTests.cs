using System.Text;
using Molecule.Terminal.Backends;
using Molecule.Terminal.Connect;

namespace Molecule.Tests.Terminal;

public sealed class ResizeMessageTests
{
    [Theory]
    [InlineData("""{"type":"resize","cols":120,"rows":40}""", 120, 40)]
    [InlineData("""  { "rows" : 40 , "cols" : 120 , "type" : "resize" }  """, 120, 40)]
    [InlineData("""{"type":"resize","cols":1,"rows":1}""", 1, 1)]
    [InlineData("""{"type":"resize","cols":5000,"rows":99999999999}""", 1000, 1000)]
    public void A_resize_request_gives_the_size_clamped_to_the_maximum(string text, int columns, int rows)
    {
        var message = Classify(text);

        message.Kind.ShouldBe(ClientTextKind.Resize);
        message.Size.ShouldBe(new TerminalSize(columns, rows));
    }

    [Theory]
    [InlineData("""{"type":"resize","cols":0,"rows":40}""")]
    [InlineData("""{"type":"resize","cols":80,"rows":-1}""")]
    [InlineData("""{"type":"resize","cols":80.5,"rows":24}""")]
    [InlineData("""{"type":"resize","cols":"80","rows":24}""")]
    [InlineData("""{"type":"resize","cols":[80],"rows":24}""")]
    [InlineData("""{"type":"resize","cols":1e40,"rows":24}""")]
    [InlineData("""{"type":"resize","rows":24}""")]
    [InlineData("""{"type":"resize"}""")]
    public void A_resize_request_with_unusable_sizes_is_dropped_not_typed(string text)
    {
        Classify(text).Kind.ShouldBe(ClientTextKind.IgnoredResize);
    }

    [Theory]
    [InlineData("ls -la\n")]
    [InlineData("{")]
    [InlineData("{}")]
    [InlineData("[]")]
    [InlineData("\"resize\"")]
    [InlineData("""{"type":"input","cols":80,"rows":24}""")]
    [InlineData("""{"type":1,"cols":80,"rows":24}""")]
    [InlineData("""{"cols":80,"rows":24}""")]
    [InlineData("""{"type":"resize","cols":80,"rows":24,"extra":true}""")]
    [InlineData("""{"type":"resize","type":"resize","cols":80,"rows":24}""")]
    [InlineData("""{"type":"resize","cols":80,"cols":81,"rows":24}""")]
    [InlineData("""{"type":"resize","cols":80,"rows":24} echo""")]
    [InlineData("""{"type":"resize","cols":80,"rows":24}{}""")]
    [InlineData("""{"type":"resize","cols":80,"rows":24""")]
    [InlineData("""{"type":"resize",/*c*/"cols":80,"rows":24}""")]
    public void Anything_else_is_input_for_the_shell(string text)
    {
        Classify(text).Kind.ShouldBe(ClientTextKind.Input);
    }

    [Fact]
    public void Text_longer_than_the_limit_is_input_even_when_it_parses()
    {
        var padded = """{"type":"resize","cols":80,"rows":24""" + new string(' ', ResizeMessage.MaxLength) + "}";

        Classify(padded).Kind.ShouldBe(ClientTextKind.Input);
        ResizeMessage.Classify([]).Kind.ShouldBe(ClientTextKind.Input);
    }

    private static ClientText Classify(string text) => ResizeMessage.Classify(Encoding.UTF8.GetBytes(text));
}
