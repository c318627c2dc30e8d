using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Molecule.IntegrationTests.Activity;

/// <summary>Small HTTP helpers for the activity and delegation tests.</summary>
internal static class ActivityHttp
{
    public static async Task<JsonNode> BodyAsync(this HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

    public static async Task<string> ErrorAsync(this HttpResponseMessage response) =>
        (await response.BodyAsync())["error"]!.GetValue<string>();

    public static async Task<JsonArray> ArrayAsync(this HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        response.EnsureSuccessStatusCode();
        return (await response.BodyAsync()).AsArray();
    }

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string path, object body) =>
        client.PostAsJsonAsync(path, body);

    public static Task<HttpResponseMessage> PostRawAsync(this HttpClient client, string path, string body) =>
        client.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));

    public static List<string> Ids(this JsonArray rows) => [.. rows.Select(r => r!["id"]!.GetValue<string>())];
}
