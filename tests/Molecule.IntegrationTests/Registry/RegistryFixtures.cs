using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dapper;
using Molecule.Testing;

namespace Molecule.IntegrationTests.Registry;

/// <summary>Arranging and reading rows for the registry tests.</summary>
internal static class RegistryFixtures
{
    public static async Task<string> StatusOfAsync(this MoleculeApp app, Guid id)
    {
        await using var connection = await app.Db.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<string>("SELECT status::text FROM workspaces WHERE id = @id", new { id }) ?? "";
    }

    public static async Task<List<(string Type, string Payload)>> EventsForAsync(this MoleculeApp app, Guid id)
    {
        await using var connection = await app.Db.OpenConnectionAsync();
        return (await connection.QueryAsync<(string, string)>(
            "SELECT event_type, payload::text FROM structure_events WHERE workspace_id = @id ORDER BY created_at, id", new { id })).ToList();
    }

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string path, object body) =>
        client.PostAsJsonAsync(path, body);

    public static async Task<JsonNode> JsonAsync(this HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
}
