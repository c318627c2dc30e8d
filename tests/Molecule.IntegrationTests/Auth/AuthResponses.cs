using System.Net;
using System.Text.Json.Nodes;

namespace Molecule.IntegrationTests.Auth;

internal static class AuthResponses
{
    public static async Task<JsonNode> JsonAsync(this HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync()) ?? throw new InvalidOperationException("empty JSON body");

    /// <summary>Asserts the status and the reference's <c>error</c> text.</summary>
    public static async Task ShouldFailWith(this HttpResponseMessage response, HttpStatusCode status, string error)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(status, body);
        JsonNode.Parse(body)!["error"]!.GetValue<string>().ShouldBe(error);
    }

    public static async Task<JsonNode> ShouldSucceedWith(this HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(status, body);
        return JsonNode.Parse(body)!;
    }
}
