using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dapper;
using Molecule.Docker;
using Molecule.Testing;

namespace Molecule.IntegrationTests.Provisioner;

/// <summary>Helpers for the tests that run workspace containers on the private dockerd. Every wait is bounded.</summary>
internal static class DockerProvisioningKit
{
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Engine and database polls are not free on a small machine.</summary>
    public static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(200);

    public sealed record Row(Guid Id, string Status, string? Url, string? LastSampleError, string? AgentCard);

    public sealed record Event(string Type, JsonObject Payload);

    /// <summary>Creates a workspace through the API; fails the test on anything but 201.</summary>
    public static async Task<Guid> CreateAsync(HttpClient admin, object body)
    {
        var response = await admin.PostAsJsonAsync("/workspaces", body);
        var text = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).ShouldBe(201, text);
        return Guid.Parse(JsonNode.Parse(text)!["id"]!.GetValue<string>());
    }

    /// <summary>Secrets that give the test agent its own port (containers share the host network) and a quick heartbeat.</summary>
    public static Dictionary<string, string> AgentSecrets(int port, Dictionary<string, string>? more = null)
    {
        var secrets = new Dictionary<string, string>
        {
            ["AGENT_PORT"] = port.ToString(CultureInfo.InvariantCulture),
            ["HEARTBEAT_SECONDS"] = "2",
        };
        foreach (var (key, value) in more ?? [])
        {
            secrets[key] = value;
        }

        return secrets;
    }

    public static async Task<Row?> RowAsync(ProvisionerDockerApp app, Guid id)
    {
        await using var connection = await app.Db.OpenConnectionAsync();
        return await connection.QuerySingleOrDefaultAsync<Row>(
            "SELECT id AS Id, status::text AS Status, url AS Url, last_sample_error AS LastSampleError, agent_card::text AS AgentCard FROM workspaces WHERE id = @id",
            new { id });
    }

    /// <summary>The workspace's recorded events, oldest first.</summary>
    public static async Task<IReadOnlyList<Event>> EventsAsync(ProvisionerDockerApp app, Guid id)
    {
        await using var connection = await app.Db.OpenConnectionAsync();
        var rows = await connection.QueryAsync<(string EventType, string Payload)>(
            "SELECT event_type, payload::text FROM structure_events WHERE workspace_id = @id ORDER BY created_at, id",
            new { id });
        return [.. rows.Select(row => new Event(row.EventType, JsonNode.Parse(row.Payload)!.AsObject()))];
    }

    public static async Task ExecuteAsync(ProvisionerDockerApp app, string sql, object? parameters = null)
    {
        await using var connection = await app.Db.OpenConnectionAsync();
        await connection.ExecuteAsync(sql, parameters);
    }

    /// <summary>Polls the row until it has <paramref name="status"/>; fails naming the last row seen.</summary>
    public static async Task<Row> WaitForStatusAsync(ProvisionerDockerApp app, Guid id, string status, TimeSpan? timeout = null)
    {
        Row? last = null;
        await Eventually.UntilAsync(
            async () => (last = await RowAsync(app, id))?.Status == status,
            () => $"workspace {id} did not become {status}; last seen: {last}",
            timeout ?? StartTimeout,
            PollEvery);
        return last!;
    }

    /// <summary>Polls the recorded events until one matches.</summary>
    public static async Task<Event> WaitForEventAsync(ProvisionerDockerApp app, Guid id, Func<Event, bool> match, string what, TimeSpan? timeout = null)
    {
        Event? found = null;
        await Eventually.UntilAsync(
            async () => (found = (await EventsAsync(app, id)).FirstOrDefault(match)) is not null,
            async () => $"no {what} event for workspace {id}; events: {string.Join(", ", (await EventsAsync(app, id)).Select(e => e.Type))}",
            timeout ?? StartTimeout,
            PollEvery);
        return found!;
    }

    public static async Task<bool> VolumeExistsAsync(IDockerEngine engine, string name)
    {
        try
        {
            await engine.InspectVolumeAsync(name);
            return true;
        }
        catch (DockerNotFoundException)
        {
            return false;
        }
    }

    public static int FreePort() => Docker.FakePlatform.FreePort();
}
