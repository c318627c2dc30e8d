using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Molecule.IntegrationTests.Plugins;

/// <summary>Requests and assertions shared by the plugin integration tests.</summary>
internal static class PluginsHttp
{
    public static readonly TimeSpan RestartWait = TimeSpan.FromSeconds(10);

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static Task<HttpResponseMessage> InstallAsync(this HttpClient client, Guid workspaceId, string source, string? sha256 = null) =>
        client.PostAsJsonAsync($"/workspaces/{workspaceId}/plugins", new { source, sha256 });

    public static async Task<JsonNode> ShouldBeOkAsync(this HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        return JsonNode.Parse(body)!;
    }

    /// <summary>Asserts the status and the reference's <c>error</c> text; returns the body for extra keys.</summary>
    public static async Task<JsonNode> ShouldBeErrorAsync(this HttpResponseMessage response, HttpStatusCode status, string error)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(status, body);
        var json = JsonNode.Parse(body)!;
        json["error"]!.GetValue<string>().ShouldBe(error);
        return json;
    }

    public static string Sha256Hex(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    public static string[] Names(this JsonNode list) => [.. list.AsArray().Select(plugin => plugin!["name"]!.GetValue<string>())];
}

/// <summary>Plugin trees the tests install.</summary>
internal static class PluginSamples
{
    public const string CarefulBashYaml = """
        name: careful-bash
        version: 1.0.0
        description: Asks before destructive commands
        author: Molecule
        tags: [safety]
        skills:
          - careful
        runtimes: [claude-code]

        """;

    public static Dictionary<string, string> CarefulBash() => new()
    {
        ["plugin.yaml"] = CarefulBashYaml,
        ["skills/careful/SKILL.md"] = "# careful\n",
        [".hidden/config"] = "x=1\n",
    };
}
