namespace Molecule.Ssh;

/// <summary>A remote pseudo-terminal: its TERM and its size in character cells.</summary>
public sealed record SshPtyRequest
{
    public const string DefaultTerm = "xterm-256color";
    private const int MaxCells = 10_000;

    public SshPtyRequest(int columns, int rows, string term = DefaultTerm)
    {
        Columns = CheckSize(columns, nameof(columns));
        Rows = CheckSize(rows, nameof(rows));
        Term = string.IsNullOrWhiteSpace(term) ? DefaultTerm : term;
    }

    public int Columns { get; }

    public int Rows { get; }

    public string Term { get; }

    internal static int CheckSize(int value, string name) =>
        value is >= 1 and <= MaxCells ? value : throw new ArgumentOutOfRangeException(name, value, $"a terminal size must be between 1 and {MaxCells}");
}
