using System.Text.Json;
using Molecule.Workspaces.Get;
using Molecule.Workspaces.Templates;

namespace Molecule.Workspaces.List;

/// <summary>A workspace row joined with its canvas layout, as the list and get views read it.</summary>
internal sealed record WorkspaceViewRow(
    Guid Id,
    string Name,
    string? Role,
    int Tier,
    string Status,
    string? AgentCard,
    string? Url,
    Guid? ParentId,
    int ActiveTasks,
    int MaxConcurrentTasks,
    double LastErrorRate,
    string? LastSampleError,
    int UptimeSeconds,
    string? CurrentTask,
    string? Runtime,
    string? WorkspaceDir,
    long? BudgetLimit,
    long MonthlySpend,
    double X,
    double Y,
    bool Collapsed,
    DateTime? LastOutboundAt,
    string ComputeBackend)
{
    public const string Select = """
        SELECT w.id, w.name, w.role, COALESCE(w.tier, 1) AS tier, w.status::text AS status, w.agent_card::text AS agent_card,
               w.url, w.parent_id, COALESCE(w.active_tasks, 0) AS active_tasks, w.max_concurrent_tasks,
               COALESCE(w.last_error_rate, 0) AS last_error_rate, w.last_sample_error, COALESCE(w.uptime_seconds, 0) AS uptime_seconds,
               w.current_task, w.runtime, w.workspace_dir, w.budget_limit, w.monthly_spend,
               COALESCE(l.x, 0) AS x, COALESCE(l.y, 0) AS y, COALESCE(l.collapsed, false) AS collapsed, w.last_outbound_at,
               w.compute_backend
        FROM workspaces w LEFT JOIN canvas_layouts l ON l.workspace_id = w.id
        """;

    private string RuntimeOrDefault => string.IsNullOrEmpty(Runtime) ? "langgraph" : Runtime;

    public WorkspaceListItem ToListItem(ProvisionTimeoutHints hints) => new(
        Id, Name, Blank(Role), Tier, Status, Card(), Url ?? "", ParentId, ActiveTasks, MaxConcurrentTasks, LastErrorRate,
        LastSampleError ?? "", UptimeSeconds, CurrentTask ?? "", RuntimeOrDefault, ComputeBackend, Blank(WorkspaceDir), BudgetLimit, MonthlySpend,
        X, Y, Collapsed, hints.MillisecondsFor(RuntimeOrDefault));

    public WorkspaceDetail ToDetail(ProvisionTimeoutHints hints) => new(
        Id, Name, Blank(Role), Tier, Status, Card(), Url ?? "", ParentId, ActiveTasks, MaxConcurrentTasks, LastErrorRate,
        UptimeSeconds, RuntimeOrDefault, ComputeBackend, X, Y, Collapsed, LastOutboundAt, hints.MillisecondsFor(RuntimeOrDefault));

    private static string? Blank(string? value) => string.IsNullOrEmpty(value) ? null : value;

    /// <summary>The stored card as raw JSON; the agent's card is passed through unchanged.</summary>
    private JsonElement? Card()
    {
        if (AgentCard is null)
        {
            return null;
        }

        using var document = JsonDocument.Parse(AgentCard);
        return document.RootElement.Clone();
    }
}
