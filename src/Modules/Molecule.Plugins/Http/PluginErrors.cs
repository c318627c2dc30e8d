using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Molecule.Kernel.Http;
using Molecule.Plugins.Sources;

namespace Molecule.Plugins.Http;

/// <summary>The plugin routes' error answers, with the reference's texts and extra keys.</summary>
internal static class PluginErrors
{
    public static IResult InvalidBody() => ApiError.BadRequest("invalid request body");

    public static IResult InvalidName() => ApiError.BadRequest("invalid plugin name");

    public static IResult InvalidWorkspaceId() => ApiError.BadRequest("invalid workspace ID");

    public static IResult WorkspaceNotFound() => ApiError.NotFound("workspace not found");

    public static IResult ContainerNotRunning() => ApiError.Unavailable("workspace container not running");

    public static IResult WithSource(int status, string error, PluginSource source) =>
        ApiError.Of(status, error, new JsonObject { ["source"] = source.ToString() });
}
