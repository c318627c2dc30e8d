using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Molecule.Kernel.Http;
using Molecule.Plugins.Naming;

namespace Molecule.Plugins.Sources;

/// <summary>
/// Validates a requested source before anything is fetched, in the reference's order: required,
/// parseable, a known scheme, a valid local name, and pinned when it is on GitHub.
/// </summary>
internal static class SourceCheck
{
    public const string UnpinnedError =
        "unpinned github source: append a tag or commit SHA (e.g. \"github://owner/repo#v1.2.0\"). Set PLUGIN_ALLOW_UNPINNED=true to override";

    public static (PluginSource? Source, ApiError? Error) Validate(string? raw, PluginSourceRegistry sources, bool allowUnpinned)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return (null, ApiError.BadRequest("'source' is required (e.g. \"local://my-plugin\" or \"github://owner/repo\")"));
        }

        if (!PluginSource.TryParse(raw, out var source))
        {
            return (null, ApiError.BadRequest("invalid plugin source"));
        }

        if (sources.Find(source.Scheme) is null)
        {
            return (null, ApiError.BadRequest(
                "failed to resolve plugin source",
                new JsonObject { ["available_schemes"] = new JsonArray([.. sources.Schemes.Select(scheme => JsonValue.Create(scheme))]) }));
        }

        if (source.Scheme == PluginSource.Local && !PluginNames.IsValid(source.Spec))
        {
            return (null, ApiError.BadRequest("invalid plugin name"));
        }

        if (source.Scheme == PluginSource.Github && !GithubSpec.IsPinned(source.Spec) && !allowUnpinned)
        {
            return (null, ApiError.Of(
                StatusCodes.Status422UnprocessableEntity, UnpinnedError, new JsonObject { ["source"] = source.ToString() }));
        }

        return (source, null);
    }
}
