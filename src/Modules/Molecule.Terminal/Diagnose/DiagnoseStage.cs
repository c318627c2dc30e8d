namespace Molecule.Terminal.Diagnose;

/// <summary>
/// A named stage of a backend's pipeline. Stages run in order, so a stage may read what an earlier
/// one found (they share the backend's per-run state).
/// </summary>
internal sealed record DiagnoseStage(string Name, Func<CancellationToken, Task<StageOutcome>> RunAsync);

/// <summary>How a stage ended: <see cref="Error"/> says what broke, <see cref="Detail"/> what was seen.</summary>
internal sealed record StageOutcome(bool Ok, string Error, string Detail)
{
    public static StageOutcome Pass(string detail = "") => new(true, "", detail);

    public static StageOutcome Fail(string error, string detail = "") => new(false, error, detail);
}
