using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Molecule.Testing;
using Molecule.Workspaces.Provisioning;

namespace Molecule.IntegrationTests.Workspaces;

/// <summary>Arrange and assert helpers for workspace tests: API calls, rows and recorded events.</summary>
internal static class WorkspacesTestKit
{
    public sealed record Row(
        Guid Id, string Name, string? Role, int? Tier, string Status, string? Runtime, string? Url, Guid? ParentId,
        string? LastSampleError, string? AwarenessNamespace, string? WorkspaceDir, string WorkspaceAccess, long? BudgetLimit,
        int MaxConcurrentTasks, string? InstanceId, int? ActiveTasks);

    public sealed record Event(string Type, JsonObject Payload);

    public static async Task<(HttpResponseMessage Response, JsonObject? Body)> SendAsync(HttpClient client, HttpMethod method, string path, string? json = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response, text.Length > 0 && text.TrimStart().StartsWith('{') ? JsonNode.Parse(text)!.AsObject() : null);
    }

    public static Task<(HttpResponseMessage Response, JsonObject? Body)> PostAsync(HttpClient client, string path, string? json = null) =>
        SendAsync(client, HttpMethod.Post, path, json);

    /// <summary>Creates a workspace through the API and returns its id; fails the test on anything but 201.</summary>
    public static async Task<Guid> CreateAsync(HttpClient client, object body)
    {
        var response = await client.PostAsJsonAsync("/workspaces", body);
        var text = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).ShouldBe(201, text);
        return Guid.Parse(JsonNode.Parse(text)!["id"]!.GetValue<string>());
    }

    public static async Task<Row?> RowAsync(MoleculeApp app, Guid id)
    {
        await using var connection = await app.Db.OpenConnectionAsync();
        return await connection.QuerySingleOrDefaultAsync<Row>(
            """
            SELECT id, name, role, tier, status::text AS status, runtime, url, parent_id, last_sample_error, awareness_namespace,
                   workspace_dir, workspace_access, budget_limit, max_concurrent_tasks, instance_id, active_tasks
            FROM workspaces WHERE id = @id
            """,
            new { id });
    }

    public static async Task<long> CountAsync(MoleculeApp app, string sql, object? parameters = null)
    {
        await using var connection = await app.Db.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<long>(sql, parameters);
    }

    public static async Task ExecuteAsync(MoleculeApp app, string sql, object? parameters = null)
    {
        await using var connection = await app.Db.OpenConnectionAsync();
        await connection.ExecuteAsync(sql, parameters);
    }

    /// <summary>The events recorded for a workspace, oldest first.</summary>
    public static async Task<IReadOnlyList<Event>> EventsAsync(MoleculeApp app, Guid workspaceId)
    {
        await using var connection = await app.Db.OpenConnectionAsync();
        var rows = await connection.QueryAsync<(string EventType, string Payload)>(
            "SELECT event_type, payload::text FROM structure_events WHERE workspace_id = @workspaceId ORDER BY created_at",
            new { workspaceId });
        return rows.Select(row => new Event(row.EventType, JsonNode.Parse(row.Payload)!.AsObject())).ToList();
    }

    /// <summary>Inserts a workspace row directly, for lifecycle tests that start from a given state.</summary>
    public static Task<Guid> InsertAsync(
        MoleculeApp app,
        string name,
        string status = "online",
        Guid? parentId = null,
        string runtime = "langgraph",
        string? instanceId = null,
        int activeTasks = 0,
        string? url = "http://127.0.0.1:18000",
        DateTimeOffset? updatedAt = null)
    {
        var id = Guid.NewGuid();
        return app.Db.InsertWorkspaceAsync(new WorkspaceSeed
        {
            Id = id,
            Name = name,
            Tier = 3,
            Status = status,
            Runtime = runtime,
            ParentId = parentId,
            InstanceId = instanceId,
            ActiveTasks = activeTasks,
            Url = url,
            AwarenessNamespace = $"workspace:{id}",
            UpdatedAt = updatedAt,
        });
    }

    /// <summary>Waits (bounded) until no background start is queued or running for the workspace.</summary>
    public static Task SettleAsync(MoleculeApp app, Guid workspaceId) =>
        app.Services.GetRequiredService<WorkspaceProvisioner>().WhenSettledAsync(workspaceId).WaitAsync(TimeSpan.FromSeconds(15));

    public static string Text(this JsonObject? body, string key) => body![key]!.GetValue<string>();

    /// <summary>Same JSON regardless of key order (jsonb stores keys in its own order).</summary>
    public static void ShouldBeJson(this JsonNode? actual, string expected) =>
        JsonNode.DeepEquals(actual, JsonNode.Parse(expected)).ShouldBeTrue($"{actual?.ToJsonString()} is not {expected}");
}
