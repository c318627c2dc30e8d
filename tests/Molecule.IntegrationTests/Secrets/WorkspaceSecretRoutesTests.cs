using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Molecule.Testing;

namespace Molecule.IntegrationTests.Secrets;

public sealed class WorkspaceSecretRoutesTests(PlaintextSecretsFixture fixture) : IClassFixture<PlaintextSecretsFixture>
{
    private readonly SecretsApp _app = fixture.App;
    private readonly HttpClient _admin = fixture.App.Client(SecretsTest.AdminToken);

    [Theory]
    [InlineData("POST")]
    [InlineData("PUT")]
    public async Task Set_saves_and_answers_status_and_key(string method)
    {
        var workspaceId = await _app.CreateWorkspaceAsync();

        var response = await _admin.SendAsync(new HttpRequestMessage(new HttpMethod(method), $"/workspaces/{workspaceId}/secrets")
        {
            Content = SecretsTest.Json("""{"key":"OPENAI_API_KEY","value":"sk-set-by-route"}"""),
        });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        var body = (await response.BodyAsync()).AsObject();
        body["status"]!.GetValue<string>().ShouldBe("saved");
        body["key"]!.GetValue<string>().ShouldBe("OPENAI_API_KEY");
        body.Count.ShouldBe(2);
    }

    [Fact]
    public async Task Set_requests_a_restart_of_the_workspace()
    {
        var workspaceId = await _app.CreateWorkspaceAsync();

        (await _admin.SetSecretAsync(workspaceId, "GITHUB_TOKEN", "ghp-value")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var requests = await _app.Restarts.WaitForAsync(SecretsTest.RestartWait, workspaceId);
        requests.ShouldContain(request => request.WorkspaceId == workspaceId && request.Reason.Contains("GITHUB_TOKEN"));
    }

    [Fact]
    public async Task Set_again_replaces_the_value_and_keeps_one_row()
    {
        var workspaceId = await _app.CreateWorkspaceAsync();
        await _admin.SetSecretAsync(workspaceId, "API_KEY", "first");

        await _admin.PutAsJsonAsync($"/workspaces/{workspaceId}/secrets", new { key = "API_KEY", value = "second" });

        var values = await (await _admin.GetAsync($"/workspaces/{workspaceId}/secrets/values")).BodyAsync();
        values["API_KEY"]!.GetValue<string>().ShouldBe("second");
        var list = (await (await _admin.GetAsync($"/workspaces/{workspaceId}/secrets")).BodyAsync()).AsArray();
        list.Count(item => item!["key"]!.GetValue<string>() == "API_KEY").ShouldBe(1);
    }

    [Fact]
    public async Task List_shows_keys_with_metadata_and_never_values()
    {
        var workspaceId = await _app.CreateWorkspaceAsync();
        await _admin.SetSecretAsync(workspaceId, "B_KEY", "value-of-b-never-listed");
        await _admin.SetSecretAsync(workspaceId, "A_KEY", "value-of-a-never-listed");

        var response = await _admin.GetAsync($"/workspaces/{workspaceId}/secrets");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var text = await response.Content.ReadAsStringAsync();
        text.ShouldNotContain("never-listed");
        var own = JsonNode.Parse(text)!.AsArray().Where(item => item!["scope"]!.GetValue<string>() == "workspace").ToList();
        own.Select(item => item!["key"]!.GetValue<string>()).ShouldBe(["A_KEY", "B_KEY"]);
        foreach (var item in own)
        {
            var entry = item!.AsObject();
            entry.Select(property => property.Key).Order().ShouldBe(["created_at", "has_value", "key", "scope", "updated_at"]);
            entry["has_value"]!.GetValue<bool>().ShouldBeTrue();
            entry["created_at"]!.GetValue<string>().ShouldEndWith("Z");
            entry["updated_at"]!.GetValue<string>().ShouldEndWith("Z");
        }
    }

    [Fact]
    public async Task List_of_a_workspace_without_secrets_is_an_empty_array()
    {
        var workspaceId = await _app.CreateWorkspaceAsync();

        var response = await _admin.GetAsync($"/workspaces/{workspaceId}/secrets");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldBe("[]");
    }

    [Fact]
    public async Task Delete_removes_the_secret_and_requests_a_restart()
    {
        var workspaceId = await _app.CreateWorkspaceAsync();
        await _admin.SetSecretAsync(workspaceId, "TO_DELETE", "gone-soon");

        var response = await _admin.DeleteAsync($"/workspaces/{workspaceId}/secrets/TO_DELETE");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = (await response.BodyAsync()).AsObject();
        body["status"]!.GetValue<string>().ShouldBe("deleted");
        body["key"]!.GetValue<string>().ShouldBe("TO_DELETE");
        (await (await _admin.GetAsync($"/workspaces/{workspaceId}/secrets")).Content.ReadAsStringAsync()).ShouldBe("[]");
        await _app.Restarts.WaitUntilAsync(
            requests => requests.Any(request => request.WorkspaceId == workspaceId && request.Reason.Contains("deleted")),
            SecretsTest.RestartWait,
            "a restart after the delete");
    }

    [Fact]
    public async Task Delete_of_a_missing_secret_is_404()
    {
        var workspaceId = await _app.CreateWorkspaceAsync();

        var response = await _admin.DeleteAsync($"/workspaces/{workspaceId}/secrets/NOPE");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await response.ErrorAsync()).ShouldBe("secret not found");
    }

    [Theory]
    [InlineData("GET", "/secrets")]
    [InlineData("GET", "/secrets/values")]
    [InlineData("POST", "/secrets")]
    [InlineData("PUT", "/secrets")]
    [InlineData("DELETE", "/secrets/SOME_KEY")]
    public async Task Uppercase_or_malformed_workspace_ids_are_400(string method, string suffix)
    {
        var workspaceId = await _app.CreateWorkspaceAsync();

        foreach (var id in new[] { workspaceId.ToString().ToUpperInvariant(), "not-a-uuid", workspaceId.ToString("N") })
        {
            var response = await _admin.SendAsync(new HttpRequestMessage(new HttpMethod(method), $"/workspaces/{id}{suffix}")
            {
                Content = method is "POST" or "PUT" ? SecretsTest.Json("""{"key":"K","value":"v"}""") : null,
            });

            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            (await response.ErrorAsync()).ShouldBe("invalid workspace ID");
        }
    }

    [Theory]
    [InlineData("""{"key":"K","value":""}""")]
    [InlineData("""{"key":"","value":"v"}""")]
    [InlineData("""{"key":"K"}""")]
    [InlineData("""{"value":"v"}""")]
    [InlineData("""{"key":"K","value":null}""")]
    [InlineData("""{"key":"K","value":42}""")]
    [InlineData("""{"key":["K"],"value":"v"}""")]
    [InlineData("""{"key":"K\u0000X","value":"v"}""")]
    [InlineData("""{"key":"K","value":"lone \ud800 surrogate"}""")]
    [InlineData("""{"key":"K","value":"v\""")]
    [InlineData("""not json""")]
    [InlineData("""[]""")]
    [InlineData("""null""")]
    [InlineData("")]
    public async Task Invalid_bodies_are_400_invalid_request_body_and_store_nothing(string json)
    {
        var workspaceId = await _app.CreateWorkspaceAsync();

        var response = await _admin.PostAsync($"/workspaces/{workspaceId}/secrets", SecretsTest.Json(json));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.ErrorAsync()).ShouldBe("invalid request body");
        (await (await _admin.GetAsync($"/workspaces/{workspaceId}/secrets")).Content.ReadAsStringAsync()).ShouldBe("[]");
    }

    [Fact]
    public async Task A_key_longer_than_1024_bytes_is_400()
    {
        var workspaceId = await _app.CreateWorkspaceAsync();

        var tooLong = await _admin.SetSecretAsync(workspaceId, new string('K', 1025), "v");
        var longest = await _admin.SetSecretAsync(workspaceId, new string('K', 1024), "v");

        tooLong.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await tooLong.ErrorAsync()).ShouldBe("invalid request body");
        longest.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Oversized_body_is_413()
    {
        var workspaceId = await _app.CreateWorkspaceAsync();

        var response = await _admin.SetSecretAsync(workspaceId, "BIG", new string('x', 70 * 1024));

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        (await response.ErrorAsync()).ShouldContain("too large");
        (await (await _admin.GetAsync($"/workspaces/{workspaceId}/secrets")).Content.ReadAsStringAsync()).ShouldBe("[]");
    }

    [Fact]
    public async Task Set_for_an_unknown_workspace_is_404()
    {
        var response = await _admin.SetSecretAsync(Guid.NewGuid(), "K", "v");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await response.ErrorAsync()).ShouldBe("workspace not found");
    }

    [Fact]
    public async Task Keys_have_no_format_rule()
    {
        var workspaceId = await _app.CreateWorkspaceAsync();

        (await _admin.SetSecretAsync(workspaceId, "lower.case-key with space", "v")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var values = await (await _admin.GetAsync($"/workspaces/{workspaceId}/secrets/values")).BodyAsync();
        values["lower.case-key with space"]!.GetValue<string>().ShouldBe("v");
        (await _admin.DeleteAsync($"/workspaces/{workspaceId}/secrets/lower.case-key%20with%20space")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
