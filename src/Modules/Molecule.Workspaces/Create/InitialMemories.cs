using System.Text;

namespace Molecule.Workspaces.Create;

/// <summary>
/// The create request's <c>initial_memories</c> as the reference seeds them: scope upper-cased
/// (empty means LOCAL), unknown scopes and empty contents skipped, content cut to 100 000 bytes
/// and secrets redacted.
/// </summary>
internal static class InitialMemories
{
    public const int MaxContentBytes = 100_000;

    private static readonly HashSet<string> Scopes = ["LOCAL", "TEAM", "GLOBAL"];

    public static IReadOnlyList<SeedMemory> Normalize(IEnumerable<InitialMemory?>? memories)
    {
        var seeds = new List<SeedMemory>();
        foreach (var memory in memories ?? [])
        {
            var scope = (memory?.Scope ?? "").ToUpperInvariant();
            scope = scope.Length == 0 ? "LOCAL" : scope;

            // Postgres text cannot hold NUL; drop it rather than lose the memory.
            var content = (memory?.Content ?? "").Replace("\0", "", StringComparison.Ordinal);
            if (!Scopes.Contains(scope) || content.Length == 0)
            {
                continue;
            }

            seeds.Add(new SeedMemory(SecretRedactor.Redact(Truncate(content, MaxContentBytes)), scope));
        }

        return seeds;
    }

    /// <summary>At most <paramref name="maxBytes"/> of UTF-8, never splitting a character.</summary>
    public static string Truncate(string text, int maxBytes)
    {
        if (Encoding.UTF8.GetByteCount(text) <= maxBytes)
        {
            return text;
        }

        var bytes = 0;
        var end = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            if (bytes + rune.Utf8SequenceLength > maxBytes)
            {
                break;
            }

            bytes += rune.Utf8SequenceLength;
            end += rune.Utf16SequenceLength;
        }

        return text[..end];
    }
}
