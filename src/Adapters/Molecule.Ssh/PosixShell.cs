namespace Molecule.Ssh;

/// <summary>
/// Builds remote shell commands from untrusted words (user paths, file names). sshd hands the
/// command string to the login shell, so every word that is not a fixed literal goes through here.
/// </summary>
public static class PosixShell
{
    /// <summary>
    /// Quotes <paramref name="word"/> so a POSIX shell reads it back as exactly one word, unchanged:
    /// inside single quotes nothing is special (no <c>$</c>, backticks, globs, backslashes or line
    /// breaks are interpreted) except the single quote itself, which is written as <c>'\''</c>
    /// (close, an escaped quote, reopen). The empty string becomes <c>''</c>.
    /// </summary>
    /// <exception cref="ArgumentException">the word contains a NUL, which no shell argument can carry.</exception>
    public static string Quote(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        if (word.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException("a shell word cannot contain a NUL character", nameof(word));
        }

        return "'" + word.Replace("'", @"'\''", StringComparison.Ordinal) + "'";
    }

    /// <summary>
    /// Quotes a path, first turning a relative path that starts with <c>-</c> into <c>./-…</c>:
    /// quoting alone does not stop a command from reading <c>-rf</c> as options.
    /// </summary>
    public static string QuotePath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Quote(path.StartsWith('-') ? "./" + path : path);
    }

    /// <summary>Quotes each word and joins them with spaces: <c>Join("rm", "-f", path)</c>.</summary>
    public static string Join(params IEnumerable<string> words) => string.Join(' ', words.Select(Quote));
}
