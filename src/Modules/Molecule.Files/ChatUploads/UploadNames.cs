using System.Security.Cryptography;
using System.Text;

namespace Molecule.Files.ChatUploads;

/// <summary>
/// What an uploaded file is called inside the workspace: a safe name derived from the one the
/// browser sent (the reference's rules), stored behind a random prefix so uploads never collide.
/// </summary>
internal static class UploadNames
{
    /// <summary>Uploads are unpacked at the workspace root, into <see cref="RelativeDirectory"/>.</summary>
    public const string Root = "/workspace";
    public const string RelativeDirectory = ".molecule/chat-uploads";
    public const string Directory = Root + "/" + RelativeDirectory;

    public const int MaxNameBytes = 100;
    public const int MaxKeptExtensionBytes = 16;

    private const string Fallback = "file";

    /// <summary>The last path element (the browser's name may carry a path).</summary>
    public static string BaseName(string? name)
    {
        var trimmed = (name ?? "").TrimEnd('/');
        if (trimmed.Length == 0)
        {
            return name is { Length: > 0 } ? "/" : ".";
        }

        return trimmed[(trimmed.LastIndexOf('/') + 1)..];
    }

    /// <summary>
    /// Base name; spaces and every character outside <c>[A-Za-z0-9._-]</c> become <c>_</c> (one per
    /// character); over 100 bytes the stem is cut, keeping an extension of up to 16 bytes; an empty,
    /// <c>.</c> or <c>..</c> result becomes <c>file</c>.
    /// </summary>
    public static string Sanitize(string? name)
    {
        var builder = new StringBuilder();
        foreach (var rune in BaseName(name).EnumerateRunes())
        {
            builder.Append(rune.IsAscii && IsKept((char)rune.Value) ? (char)rune.Value : '_');
        }

        var safe = builder.ToString();
        if (safe.Length > MaxNameBytes)
        {
            var extension = Extension(safe);
            safe = extension.Length <= MaxKeptExtensionBytes
                ? safe[..(MaxNameBytes - extension.Length)] + extension
                : safe[..MaxNameBytes];
        }

        return safe is "" or "." or ".." ? Fallback : safe;
    }

    /// <summary><c>&lt;32 lowercase hex&gt;-&lt;name&gt;</c>, the name the file is stored under.</summary>
    public static string StoredName(string sanitizedName) =>
        Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)) + "-" + sanitizedName;

    /// <summary>From the last dot of the name on (Go's filepath.Ext), or empty.</summary>
    public static string Extension(string name)
    {
        var dot = name.LastIndexOf('.');
        return dot < 0 ? "" : name[dot..];
    }

    private static bool IsKept(char c) =>
        c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '.' or '_' or '-';
}
