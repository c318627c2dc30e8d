namespace Molecule.Plugins.Manifest;

/// <summary>
/// Whether a plugin runs on a runtime. No runtimes listed means all of them; <c>-</c> and <c>_</c>
/// are the same character here, so <c>claude-code</c> matches <c>claude_code</c>.
/// </summary>
internal static class RuntimeMatch
{
    public static bool Supports(IReadOnlyList<string>? runtimes, string runtime)
    {
        if (runtimes is null || runtimes.Count == 0)
        {
            return true;
        }

        var wanted = Normalize(runtime);
        return runtimes.Any(candidate => Normalize(candidate) == wanted);
    }

    private static string Normalize(string runtime) => runtime.Trim().Replace('-', '_');
}
