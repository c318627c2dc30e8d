using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Molecule.Kernel.Http;
using Molecule.Plugins.Sources;

namespace Molecule.Plugins.Http;

/// <summary>The plugin routes' error answers, with the reference's texts and extra keys.</summary>
internal static class PluginErrors
{
    public static ApiError InvalidBody() => ApiError.BadRequest("invalid request body");

    public static ApiError InvalidName() => ApiError.BadRequest("invalid plugin name");

    public static ApiError InvalidWorkspaceId() => ApiError.BadRequest("invalid workspace ID");

    public static ApiError WorkspaceNotFound() => ApiError.NotFound("workspace not found");

    public static ApiError ContainerNotRunning() => ApiError.Unavailable("workspace container not running");

    public static ApiError WithSource(int status, string error, PluginSource source) =>
        ApiError.Of(status, error, new JsonObject { ["source"] = source.ToString() });
}
