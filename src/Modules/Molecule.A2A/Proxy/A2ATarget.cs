using Dapper;
using Molecule.Kernel.Workspaces;
using Npgsql;

namespace Molecule.A2A.Proxy;

/// <summary>What the proxy needs to know about the workspace it forwards to.</summary>
internal sealed record A2ATarget(
    Guid Id,
    string Name,
    WorkspaceStatus Status,
    string? Url,
    string Runtime,
    long? BudgetLimit,
    long MonthlySpend)
{
    public bool OverBudget => BudgetLimit is { } limit && MonthlySpend >= limit;

    public static async Task<A2ATarget?> LoadAsync(NpgsqlDataSource db, Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            """
            SELECT id, name, status::text AS status, url, COALESCE(runtime, 'langgraph') AS runtime,
                   budget_limit, monthly_spend
            FROM workspaces WHERE id = @id
            """,
            new { id },
            cancellationToken: cancellationToken));
        if (row is null || !WorkspaceStatuses.TryParse(row.Status, out var status) || status == WorkspaceStatus.Removed)
        {
            return null;
        }

        return new A2ATarget(row.Id, row.Name, status, string.IsNullOrEmpty(row.Url) ? null : row.Url, row.Runtime, row.BudgetLimit, row.MonthlySpend);
    }

    private sealed record Row(Guid Id, string Name, string Status, string? Url, string Runtime, long? BudgetLimit, long MonthlySpend);
}
