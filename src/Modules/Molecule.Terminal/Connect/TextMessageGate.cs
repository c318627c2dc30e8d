namespace Molecule.Terminal.Connect;

/// <summary>
/// Holds back a text message, fragment by fragment, until it is known whether it is a resize
/// request; a message longer than <see cref="ResizeMessage.MaxLength"/> cannot be one, so its held
/// bytes and the rest of it go straight through. Memory is bounded by that length.
/// </summary>
internal sealed class TextMessageGate
{
    private readonly byte[] _held = new byte[ResizeMessage.MaxLength];
    private int _count;
    private bool _passingThrough;

    /// <summary>
    /// Takes the next fragment of a text message. The returned step's memory is valid only until the
    /// next call: write it to the shell first.
    /// </summary>
    public TextStep Accept(ReadOnlyMemory<byte> fragment, bool endOfMessage)
    {
        if (_passingThrough)
        {
            _passingThrough = !endOfMessage;
            return new TextStep(default, fragment, null);
        }

        if (_count + fragment.Length > _held.Length)
        {
            var held = _held.AsMemory(0, _count);
            _count = 0;
            _passingThrough = !endOfMessage;
            return new TextStep(held, fragment, null);
        }

        fragment.CopyTo(_held.AsMemory(_count));
        _count += fragment.Length;
        if (!endOfMessage)
        {
            return TextStep.Hold;
        }

        var message = _held.AsMemory(0, _count);
        _count = 0;
        var text = ResizeMessage.Classify(message.Span);
        return text.Kind == ClientTextKind.Input ? new TextStep(message, default, null) : new TextStep(default, default, text);
    }
}

/// <summary>
/// What to do after a fragment: write <see cref="Held"/> then <see cref="Current"/> to the shell
/// (either may be empty), and apply <see cref="Control"/> when the message was a resize request.
/// </summary>
internal readonly record struct TextStep(ReadOnlyMemory<byte> Held, ReadOnlyMemory<byte> Current, ClientText? Control)
{
    public static readonly TextStep Hold = new(default, default, null);
}
