using System.Text.Json.Nodes;
using Molecule.A2A.Activity;
using Molecule.Kernel.Http;

namespace Molecule.A2A.Delegation.Delegate;

/// <summary>The body of <c>POST /workspaces/{id}/delegate</c>, checked in the reference's order.</summary>
internal sealed record DelegateRequest(Guid TargetId, string Task, string? IdempotencyKey)
{
    public static DelegateRequest? Parse(JsonObject? body, Guid source, out string? error)
    {
        error = "invalid delegation request";
        if (body is null
            || !body.TryGetString("target_id", out var target) || target.Length == 0
            || !body.TryGetString("task", out var task) || task.Length == 0
            || !body.TryGetString("idempotency_key", out var key))
        {
            return null;
        }

        if (!RouteIds.TryParse(target, out var targetId))
        {
            error = "target_id must be a valid UUID";
            return null;
        }

        if (targetId == source)
        {
            error = "self-delegation not permitted";
            return null;
        }

        error = null;
        return new DelegateRequest(targetId, task, key.Length == 0 ? null : key);
    }
}
