using System.Net;
using System.Net.Http.Json;
using Dapper;
using Molecule.Testing;

namespace Molecule.IntegrationTests.Secrets;

/// <summary>
/// A value goes in once and comes out only through /secrets/values: never in logs, errors, events
/// or other answers. (The model is the exception the reference defines: PUT and GET /model echo it.)
/// </summary>
public sealed class SecretValueHygieneTests(EncryptedSecretsFixture fixture) : IClassFixture<EncryptedSecretsFixture>
{
    private const string Value = "hygiene-canary-9f8e7d6c";

    private readonly SecretsApp _app = fixture.App;
    private readonly HttpClient _admin = fixture.App.Client(SecretsTest.AdminToken);

    [Fact]
    public async Task A_value_appears_nowhere_but_the_values_route()
    {
        var workspaceId = await _app.CreateWorkspaceAsync();
        var answers = new List<HttpResponseMessage>
        {
            await _admin.SetSecretAsync(workspaceId, "CANARY", Value),
            await _admin.PutAsJsonAsync($"/workspaces/{workspaceId}/secrets", new { key = "CANARY", value = Value }),
            await _admin.SetGlobalAsync("CANARY_GLOBAL", Value),
            await _admin.GetAsync($"/workspaces/{workspaceId}/secrets"),
            await _admin.GetAsync("/settings/secrets"),
            await _admin.PostAsync($"/workspaces/{workspaceId.ToString().ToUpperInvariant()}/secrets", SecretsTest.Json($$"""{"key":"K","value":"{{Value}}"}""")),
            await _admin.PostAsync($"/workspaces/{Guid.NewGuid()}/secrets", SecretsTest.Json($$"""{"key":"K","value":"{{Value}}"}""")),
            await _admin.PostAsync($"/workspaces/{workspaceId}/secrets", SecretsTest.Json($$"""{"key":"K","value":"{{Value}}""")),
        };
        await _app.Restarts.WaitForAsync(SecretsTest.RestartWait, workspaceId);
        var values = await _admin.GetAsync($"/workspaces/{workspaceId}/secrets/values");

        foreach (var answer in answers)
        {
            (await answer.Content.ReadAsStringAsync()).ShouldNotContain(Value);
        }

        values.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await values.Content.ReadAsStringAsync()).ShouldContain(Value);
        _app.Logs.Lines.ShouldContain(line => line.Contains("secret CANARY saved"));
        _app.Logs.Lines.ShouldNotContain(line => line.Contains(Value));
        _app.Restarts.Requests.ShouldNotContain(request => request.Reason.Contains(Value));
        await using var connection = await _app.Db.OpenConnectionAsync();
        (await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM structure_events WHERE payload::text LIKE '%' || @Value || '%'", new { Value }))
            .ShouldBe(0);
    }
}
