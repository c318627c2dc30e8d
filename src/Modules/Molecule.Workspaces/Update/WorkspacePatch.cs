using System.Text.Json;
using System.Text.Json.Nodes;
using Molecule.Kernel.Http;
using Molecule.Workspaces.Rules;

namespace Molecule.Workspaces.Update;

/// <summary>
/// The keys of a PATCH /workspaces/:id body this route acts on, checked before anything is
/// written (the reference writes key by key and can stop half way). Other keys are ignored.
/// </summary>
internal sealed record WorkspacePatch
{
    public string? Name { get; private init; }
    public Optional<string?> Role { get; private init; }
    public int? Tier { get; private init; }
    public Optional<Guid?> ParentId { get; private init; }
    public bool? Collapsed { get; private init; }
    public string? Runtime { get; private init; }
    public Optional<string?> WorkspaceDir { get; private init; }
    public (double X, double Y)? Position { get; private init; }

    /// <summary>
    /// Reads the keys; returns the patch, or the 400 text for the first key that is wrong. The
    /// workspace directory is only type-checked here: the reference validates it after the
    /// existence check (see <see cref="HasAllowedDirectory"/>).
    /// </summary>
    public static (WorkspacePatch? Patch, string? Error) Parse(JsonObject body)
    {
        var patch = new WorkspacePatch();
        try
        {
            if (body.TryGetPropertyValue("name", out var name))
            {
                if (!TryString(name, out var value))
                {
                    return (null, "name must be a string");
                }

                if (WorkspaceFieldRules.CheckName(value) is { } error)
                {
                    return (null, error);
                }

                if (value.Length == 0)
                {
                    return (null, "name must not be empty");
                }

                patch = patch with { Name = value };
            }

            if (body.TryGetPropertyValue("role", out var role))
            {
                if (role is null)
                {
                    patch = patch with { Role = new(null) };
                }
                else if (!TryString(role, out var value))
                {
                    return (null, "role must be a string");
                }
                else if (WorkspaceFieldRules.CheckRole(value) is { } error)
                {
                    return (null, error);
                }
                else
                {
                    patch = patch with { Role = new(value.Length == 0 ? null : value) };
                }
            }

            if (body.TryGetPropertyValue("runtime", out var runtime))
            {
                if (!TryString(runtime, out var value) || value.Length == 0)
                {
                    return (null, "runtime must be a non-empty string");
                }

                if (WorkspaceFieldRules.CheckRuntime(value) is { } error)
                {
                    return (null, error);
                }

                patch = patch with { Runtime = value };
            }

            if (body.TryGetPropertyValue("tier", out var tier))
            {
                if (tier is not JsonValue tierValue || !tierValue.TryGetValue<int>(out var parsed))
                {
                    return (null, "tier must be an integer");
                }

                patch = patch with { Tier = parsed };
            }

            if (body.TryGetPropertyValue("parent_id", out var parent))
            {
                if (parent is null)
                {
                    patch = patch with { ParentId = new(null) };
                }
                else if (TryString(parent, out var value) && RouteIds.TryParse(value, out var parentId))
                {
                    patch = patch with { ParentId = new(parentId) };
                }
                else
                {
                    return (null, "parent_id must be a workspace ID or null");
                }
            }

            if (body.TryGetPropertyValue("collapsed", out var collapsed))
            {
                if (collapsed?.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
                {
                    return (null, "collapsed must be a boolean");
                }

                patch = patch with { Collapsed = collapsed.GetValue<bool>() };
            }

            if (body.TryGetPropertyValue("workspace_dir", out var directory))
            {
                if (directory is null)
                {
                    patch = patch with { WorkspaceDir = new(null) };
                }
                else if (TryString(directory, out var value))
                {
                    patch = patch with { WorkspaceDir = new(value) };
                }
                else
                {
                    return (null, "invalid workspace directory");
                }
            }

            // The canvas always moves a node with both coordinates; one alone is ignored.
            if (body.TryGetPropertyValue("x", out var x) && body.TryGetPropertyValue("y", out var y))
            {
                if (!TryNumber(x, out var xValue) || !TryNumber(y, out var yValue))
                {
                    return (null, "x and y must be numbers");
                }

                patch = patch with { Position = (xValue, yValue) };
            }
        }
        catch (InvalidOperationException)
        {
            // A string holding an unpaired surrogate cannot be read as text.
            return (null, WorkspaceErrors.InvalidBody);
        }

        return (patch, null);
    }

    /// <summary>A cleared directory, or one the mount rules allow.</summary>
    public bool HasAllowedDirectory => !WorkspaceDir.IsSet || WorkspaceDir.Value is null || WorkspaceDir.Value.Length == 0
        || WorkspaceDirRules.IsAllowedDirectory(WorkspaceDir.Value);

    private static bool TryString(JsonNode? node, out string value)
    {
        value = "";
        if (node?.GetValueKind() != JsonValueKind.String)
        {
            return false;
        }

        value = node.GetValue<string>();
        return true;
    }

    private static bool TryNumber(JsonNode? node, out double value)
    {
        value = 0;
        return node?.GetValueKind() == JsonValueKind.Number && node.AsValue().TryGetValue(out value) && double.IsFinite(value);
    }
}

/// <summary>A key that may be absent, or present with a value (null included).</summary>
internal readonly record struct Optional<T>(T Value)
{
    public bool IsSet { get; } = true;
}
