using Molecule.Kernel.Auth;
using Molecule.Kernel.Http;

namespace Molecule.Server.NotBuilt;

/// <summary>
/// The reference routes Molecule does not serve yet. Each answers 501 with the area's name, so a
/// client learns the feature is missing rather than that the path is wrong; the README lists the
/// same areas. A module that builds one of these removes its line here (a test fails on a route
/// mapped twice).
/// </summary>
internal static class NotBuiltRoutes
{
    private static readonly (string Method, string Pattern, string Area)[] Routes =
    [
        ("GET", "/admin/liveness", "liveness report"),
        ("GET", "/workspaces/{id}/console", "serial console"),
        ("POST", "/workspaces/{id}/expand", "team expand"),
        ("POST", "/workspaces/{id}/collapse", "team collapse"),
        ("GET", "/workspaces/{id}/budget", "budgets"),
        ("PATCH", "/workspaces/{id}/budget", "budgets"),
        ("GET", "/workspaces/{id}/metrics", "workspace metrics"),
        ("GET", "/workspaces/{id}/traces", "traces"),
        ("GET", "/workspaces/{id}/transcript", "transcripts"),
        ("GET", "/workspaces/{id}/audit", "audit log"),
        ("GET", "/admin/github-installation-token", "GitHub tokens"),
        ("GET", "/workspaces/{id}/github-installation-token", "GitHub tokens"),
        ("GET", "/templates", "templates"),
        ("POST", "/templates/import", "templates"),
        ("GET", "/bundles/export/{id}", "bundles"),
        ("POST", "/bundles/import", "bundles"),
        ("GET", "/org/templates", "templates"),
        ("POST", "/org/import", "org templates"),
        ("POST", "/workspaces/{id}/memories", "memories"),
        ("GET", "/workspaces/{id}/memories", "memories"),
        ("DELETE", "/workspaces/{id}/memories/{memoryId}", "memories"),
        ("GET", "/workspaces/{id}/memory", "key-value memory"),
        ("GET", "/workspaces/{id}/memory/{key}", "key-value memory"),
        ("POST", "/workspaces/{id}/memory", "key-value memory"),
        ("DELETE", "/workspaces/{id}/memory/{key}", "key-value memory"),
        ("GET", "/admin/memories/export", "memories"),
        ("POST", "/admin/memories/import", "memories"),
        ("POST", "/workspaces/{id}/checkpoints", "checkpoints"),
        ("GET", "/workspaces/{id}/checkpoints/latest", "checkpoints"),
        ("GET", "/workspaces/{id}/checkpoints/{wfid}", "checkpoints"),
        ("DELETE", "/workspaces/{id}/checkpoints/{wfid}", "checkpoints"),
        ("POST", "/workspaces/{id}/artifacts", "artifacts"),
        ("GET", "/workspaces/{id}/artifacts", "artifacts"),
        ("POST", "/workspaces/{id}/artifacts/fork", "artifacts"),
        ("POST", "/workspaces/{id}/artifacts/token", "artifacts"),
        ("GET", "/workspaces/{id}/schedules", "schedules"),
        ("POST", "/workspaces/{id}/schedules", "schedules"),
        ("PATCH", "/workspaces/{id}/schedules/{scheduleId}", "schedules"),
        ("DELETE", "/workspaces/{id}/schedules/{scheduleId}", "schedules"),
        ("POST", "/workspaces/{id}/schedules/{scheduleId}/run", "schedules"),
        ("GET", "/workspaces/{id}/schedules/{scheduleId}/history", "schedules"),
        ("GET", "/workspaces/{id}/schedules/health", "schedules"),
        ("GET", "/admin/schedules/health", "schedules"),
        ("GET", "/channels/adapters", "channels"),
        ("GET", "/workspaces/{id}/channels", "channels"),
        ("POST", "/workspaces/{id}/channels", "channels"),
        ("PATCH", "/workspaces/{id}/channels/{channelId}", "channels"),
        ("DELETE", "/workspaces/{id}/channels/{channelId}", "channels"),
        ("POST", "/workspaces/{id}/channels/{channelId}/send", "channels"),
        ("POST", "/workspaces/{id}/channels/{channelId}/test", "channels"),
        ("POST", "/channels/discover", "channels"),
        ("POST", "/webhooks/{type}", "webhooks"),
        ("POST", "/webhooks/github", "webhooks"),
        ("POST", "/webhooks/github/{id}", "webhooks"),
        ("POST", "/workspaces/{id}/approvals", "approvals"),
        ("GET", "/workspaces/{id}/approvals", "approvals"),
        ("POST", "/workspaces/{id}/approvals/{approvalId}/decide", "approvals"),
        ("GET", "/approvals/pending", "approvals"),
        ("POST", "/workspaces/{id}/agent", "agents"),
        ("PATCH", "/workspaces/{id}/agent", "agents"),
        ("DELETE", "/workspaces/{id}/agent", "agents"),
        ("POST", "/workspaces/{id}/agent/move", "agents"),
        ("GET", "/instructions", "instructions"),
        ("POST", "/instructions", "instructions"),
        ("PUT", "/instructions/{id}", "instructions"),
        ("DELETE", "/instructions/{id}", "instructions"),
        ("GET", "/workspaces/{id}/instructions/resolve", "instructions"),
        ("GET", "/workspaces/{id}/mcp/stream", "MCP"),
        ("POST", "/workspaces/{id}/mcp", "MCP"),
        ("GET", "/canvas/viewport", "canvas viewport"),
        ("PUT", "/canvas/viewport", "canvas viewport"),
    ];

    public static IEndpointRouteBuilder MapNotBuiltRoutes(this IEndpointRouteBuilder endpoints)
    {
        foreach (var (method, pattern, area) in Routes)
        {
            var answer = ApiError.Of(StatusCodes.Status501NotImplemented, $"{area} is not built in this Molecule server yet");
            endpoints.MapMethods(pattern, [method], () => answer)
                .AllowOpen("not built: answers 501 and touches no data")
                .ExcludeFromDescription();
        }

        return endpoints;
    }
}
