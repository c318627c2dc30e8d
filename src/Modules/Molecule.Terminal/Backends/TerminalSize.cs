namespace Molecule.Terminal.Backends;

/// <summary>A terminal's size in character cells.</summary>
internal readonly record struct TerminalSize(int Columns, int Rows)
{
    /// <summary>Far beyond any screen; larger requests are clamped so the engine is never asked for silly sizes.</summary>
    public const int MaxColumns = 1000;

    public const int MaxRows = 1000;

    /// <summary>Until the client says otherwise (a TTY of 0×0 breaks full-screen programs).</summary>
    public static readonly TerminalSize Default = new(80, 24);

    /// <summary>Null unless both are positive; values above the maximum are clamped.</summary>
    public static TerminalSize? From(long columns, long rows) =>
        columns <= 0 || rows <= 0
            ? null
            : new TerminalSize((int)Math.Min(columns, MaxColumns), (int)Math.Min(rows, MaxRows));
}
