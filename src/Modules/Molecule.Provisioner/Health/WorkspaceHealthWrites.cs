using System.Text.Json.Nodes;
using Dapper;
using Molecule.Kernel.Compute;
using Molecule.Kernel.Workspaces;
using Npgsql;

namespace Molecule.Provisioner.Health;

/// <summary>What the container watchers need to know about a workspace row.</summary>
internal sealed record WorkspaceHealthRow(Guid Id, string Status, string? InstanceId, string? Runtime, string ComputeBackend = "docker")
{
    public WorkspaceStatus? ParsedStatus => WorkspaceStatuses.TryParse(Status, out var status) ? status : null;

    /// <summary>Only rows the dispatch rule sends to Docker, and not run by someone else, have a container here.</summary>
    public bool RunsOnDocker =>
        BackendDispatch.For(InstanceId, BackendDispatch.Parse(ComputeBackend)) == Backend.Docker && Runtime != "external";
}

/// <summary>
/// The workspace rows the container watchers read, and the status changes they ask for. Each change
/// goes through the status machine (its rows for a dead container, a failed start and a crash loop),
/// so a restart, pause or delete that got there first wins.
/// </summary>
internal sealed class WorkspaceHealthWrites(NpgsqlDataSource db, IWorkspaceLifecycle lifecycle)
{
    private const string Columns =
        "id AS Id, status::text AS Status, instance_id AS InstanceId, runtime AS Runtime, compute_backend AS ComputeBackend";

    public async Task<WorkspaceHealthRow?> ReadAsync(Guid workspaceId, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<WorkspaceHealthRow>(new CommandDefinition(
            $"SELECT {Columns} FROM workspaces WHERE id = @workspaceId",
            new { workspaceId },
            cancellationToken: cancellationToken));
    }

    /// <summary>Rows of these ids (and of these 12-character id prefixes, for containers named but not labelled).</summary>
    public async Task<IReadOnlyList<WorkspaceHealthRow>> ReadManyAsync(
        IReadOnlyCollection<Guid> ids, IReadOnlyCollection<string> prefixes, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<WorkspaceHealthRow>(new CommandDefinition(
            $"""
            SELECT {Columns} FROM workspaces
            WHERE id = ANY(@ids) OR left(id::text, 12) = ANY(@prefixes)
            """,
            new { ids = ids.ToArray(), prefixes = prefixes.ToArray() },
            cancellationToken: cancellationToken));
        return rows.AsList();
    }

    /// <summary>
    /// Docker workspaces whose agent counts as live (the statuses a dead container moves to offline),
    /// so that should have a running container, unchanged since before <paramref name="before"/>.
    /// </summary>
    public async Task<IReadOnlyList<Guid>> LiveDockerWorkspacesAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        var live = lifecycle.AllowedFrom(WorkspaceTrigger.ComputeDied).Select(status => status.ToWire()).ToArray();
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<WorkspaceHealthRow>(new CommandDefinition(
            $"SELECT {Columns} FROM workspaces WHERE status = ANY(@live::workspace_status[]) AND updated_at <= @before",
            new { live, before },
            cancellationToken: cancellationToken));
        return [.. rows.Where(row => row.RunsOnDocker).Select(row => row.Id)];
    }

    /// <summary>A live agent's container died: online/degraded → offline with why; false when the row had moved on.</summary>
    public Task<bool> MarkOfflineAsync(Guid workspaceId, string error, JsonObject payload, CancellationToken cancellationToken) =>
        ApplyAsync(workspaceId, WorkspaceTrigger.ComputeDied, error, payload, cancellationToken);

    /// <summary>A start that died before its agent came up: provisioning → failed.</summary>
    public Task<bool> MarkStartFailedAsync(Guid workspaceId, string error, JsonObject payload, CancellationToken cancellationToken) =>
        ApplyAsync(workspaceId, WorkspaceTrigger.ProvisionFailed, error, payload, cancellationToken);

    /// <summary>A container that keeps dying: failed, so nothing restarts it again.</summary>
    public Task<bool> MarkCrashLoopingAsync(Guid workspaceId, string error, JsonObject payload, CancellationToken cancellationToken) =>
        ApplyAsync(workspaceId, WorkspaceTrigger.CrashLooped, error, payload, cancellationToken);

    private async Task<bool> ApplyAsync(
        Guid workspaceId, WorkspaceTrigger trigger, string error, JsonObject payload, CancellationToken cancellationToken) =>
        await lifecycle.TransitionAsync(workspaceId, new StatusChange(trigger) { SampleError = error, Payload = payload }, cancellationToken) is not null;
}
