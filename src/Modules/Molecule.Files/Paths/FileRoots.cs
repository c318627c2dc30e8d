using System.Diagnostics.CodeAnalysis;

namespace Molecule.Files.Paths;

/// <summary>The directories of a workspace a caller may address, as the reference names them.</summary>
internal static class FileRoots
{
    public const string Configs = "/configs";
    public const string Workspace = "/workspace";

    public const string InvalidRoot = "root must be one of: /configs, /workspace, /home, /plugins";

    public static readonly IReadOnlyList<string> All = [Configs, Workspace, "/home", "/plugins"];

    /// <summary>An absent or empty <c>root</c> means <c>/configs</c>; anything else must be one of <see cref="All"/> exactly.</summary>
    public static bool TryParse(string? value, [NotNullWhen(true)] out string? root)
    {
        root = string.IsNullOrEmpty(value) ? Configs : All.FirstOrDefault(candidate => candidate == value);
        return root is not null;
    }

    /// <summary>True when <paramref name="absolutePath"/> is one of the roots or lies under one.</summary>
    public static bool Contains(string absolutePath) =>
        All.Any(root => absolutePath == root || absolutePath.StartsWith(root + "/", StringComparison.Ordinal));

    /// <summary><paramref name="root"/> joined with a path that <see cref="RelativeFilePath"/> accepted.</summary>
    public static string Join(string root, string relativePath) => $"{root}/{relativePath}";
}
