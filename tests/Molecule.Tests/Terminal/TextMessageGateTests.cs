using System.Text;
using Molecule.Terminal.Backends;
using Molecule.Terminal.Connect;

namespace Molecule.Tests.Terminal;

public sealed class TextMessageGateTests
{
    [Fact]
    public void A_whole_keystroke_message_goes_through()
    {
        var gate = new TextMessageGate();

        var step = gate.Accept(Bytes("ls\n"), endOfMessage: true);

        Text(step).ShouldBe("ls\n");
        step.Control.ShouldBeNull();
    }

    [Fact]
    public void A_resize_request_split_over_fragments_is_recognised_and_nothing_is_typed()
    {
        var gate = new TextMessageGate();

        var first = gate.Accept(Bytes("""{"type":"resi"""), endOfMessage: false);
        var last = gate.Accept(Bytes("""ze","cols":90,"rows":30}"""), endOfMessage: true);

        Text(first).ShouldBeEmpty();
        Text(last).ShouldBeEmpty();
        last.Control.ShouldBe(new ClientText(ClientTextKind.Resize, new TerminalSize(90, 30)));
    }

    [Fact]
    public void A_message_past_the_limit_releases_what_was_held_then_passes_the_rest_straight_through()
    {
        var gate = new TextMessageGate();
        var head = new string('a', ResizeMessage.MaxLength - 10);
        var middle = new string('b', 20);

        // A step's memory is valid until the next call, as the bridge writes it at once.
        Text(gate.Accept(Bytes(head), endOfMessage: false)).ShouldBeEmpty();
        Text(gate.Accept(Bytes(middle), endOfMessage: false)).ShouldBe(head + middle);
        Text(gate.Accept(Bytes("c"), endOfMessage: true)).ShouldBe("c");
        gate.Accept(Bytes("""{"type":"resize","cols":90,"rows":30}"""), endOfMessage: true).Control!.Value.Kind.ShouldBe(ClientTextKind.Resize);
    }

    [Fact]
    public void Json_that_is_not_a_resize_request_is_typed_as_sent()
    {
        var gate = new TextMessageGate();
        const string json = """{"type":"note"}""";

        Text(gate.Accept(Bytes(json), endOfMessage: true)).ShouldBe(json);
    }

    private static ReadOnlyMemory<byte> Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private static string Text(TextStep step) =>
        Encoding.UTF8.GetString(step.Held.Span) + Encoding.UTF8.GetString(step.Current.Span);
}
