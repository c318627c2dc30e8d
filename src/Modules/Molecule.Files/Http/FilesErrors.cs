using System.Globalization;
using Microsoft.AspNetCore.Http;
using Molecule.Kernel.Http;

namespace Molecule.Files.Http;

/// <summary>The files routes' error answers, with the reference's texts where it has one.</summary>
internal static class FilesErrors
{
    public const string InvalidBody = "invalid request body";
    public const string InvalidWorkspaceId = "invalid workspace ID";
    public const string NotRegularFile = "path is not a regular file";
    public const string ContainerNotRunning = "workspace container not running";

    public static ApiError WorkspaceNotFound() => ApiError.NotFound("workspace not found");

    public static ApiError FileNotFound() => ApiError.NotFound("file not found");

    public static ApiError TooLarge(string text) => ApiError.Of(StatusCodes.Status413PayloadTooLarge, text);

    public static ApiError FileTooLarge(long maxBytes) =>
        TooLarge($"file exceeds {maxBytes.ToString(CultureInfo.InvariantCulture)} bytes");

    public static ApiError NotRunning() => ApiError.Unavailable(ContainerNotRunning);
}
