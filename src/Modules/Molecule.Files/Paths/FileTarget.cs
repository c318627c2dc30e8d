using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Http;
using Molecule.Kernel.Http;

namespace Molecule.Files.Paths;

/// <summary>The file a single-file route names: a checked relative path under a known root.</summary>
internal readonly record struct FileTarget(string RelativePath, string Root)
{
    /// <summary>Checks the path first, then the root, answering each with the reference's 400 text.</summary>
    public static bool TryParse(string? path, string? root, out FileTarget target, [NotNullWhen(false)] out ApiError? error)
    {
        target = default;
        if (RelativeFilePath.Normalize(path) is not { } relativePath)
        {
            error = ApiError.BadRequest(RelativeFilePath.Invalid);
            return false;
        }

        if (!FileRoots.TryParse(root, out var fileRoot))
        {
            error = ApiError.BadRequest(FileRoots.InvalidRoot);
            return false;
        }

        target = new FileTarget(relativePath, fileRoot);
        error = null;
        return true;
    }
}
