using System.Net;
using System.Net.Http.Json;
using Molecule.Testing;

namespace Molecule.IntegrationTests.Secrets;

public sealed class GlobalSecretRoutesTests(PlaintextSecretsFixture fixture) : IClassFixture<PlaintextSecretsFixture>
{
    private readonly SecretsApp _app = fixture.App;
    private readonly HttpClient _admin = fixture.App.Client(SecretsTest.AdminToken);

    [Theory]
    [InlineData("PUT", "/settings/secrets")]
    [InlineData("POST", "/settings/secrets")]
    [InlineData("POST", "/admin/secrets")]
    public async Task Set_saves_a_global_and_answers_with_its_scope(string method, string path)
    {
        var key = $"SET_{method}_{path.Length}";

        var response = await _admin.SendAsync(new HttpRequestMessage(new HttpMethod(method), path)
        {
            Content = SecretsTest.Json($$"""{"key":"{{key}}","value":"global-value"}"""),
        });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = (await response.BodyAsync()).AsObject();
        body["status"]!.GetValue<string>().ShouldBe("saved");
        body["key"]!.GetValue<string>().ShouldBe(key);
        body["scope"]!.GetValue<string>().ShouldBe("global");
        body.Count.ShouldBe(3);
    }

    [Theory]
    [InlineData("/settings/secrets")]
    [InlineData("/admin/secrets")]
    public async Task List_shows_globals_sorted_with_metadata_and_never_values(string path)
    {
        await _admin.SetGlobalAsync("LISTED_Z", "z-value-never-listed");
        await _admin.SetGlobalAsync("LISTED_M", "m-value-never-listed");

        var response = await _admin.GetAsync(path);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var text = await response.Content.ReadAsStringAsync();
        text.ShouldNotContain("never-listed");
        var items = System.Text.Json.Nodes.JsonNode.Parse(text)!.AsArray();
        var keys = items.Select(item => item!["key"]!.GetValue<string>()).ToList();
        keys.ShouldContain("LISTED_M");
        keys.IndexOf("LISTED_M").ShouldBeLessThan(keys.IndexOf("LISTED_Z"));
        foreach (var item in items)
        {
            var entry = item!.AsObject();
            entry.Select(property => property.Key).Order().ShouldBe(["created_at", "has_value", "key", "scope", "updated_at"]);
            entry["scope"]!.GetValue<string>().ShouldBe("global");
            entry["has_value"]!.GetValue<bool>().ShouldBeTrue();
        }
    }

    [Theory]
    [InlineData("/settings/secrets")]
    [InlineData("/admin/secrets")]
    public async Task Delete_removes_a_global_then_404s(string path)
    {
        var key = $"DELETE_{path.Length}";
        await _admin.SetGlobalAsync(key, "v");

        var response = await _admin.DeleteAsync($"{path}/{key}");
        var again = await _admin.DeleteAsync($"{path}/{key}");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = (await response.BodyAsync()).AsObject();
        body["status"]!.GetValue<string>().ShouldBe("deleted");
        body["key"]!.GetValue<string>().ShouldBe(key);
        body["scope"]!.GetValue<string>().ShouldBe("global");
        again.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await again.ErrorAsync()).ShouldBe("secret not found");
    }

    [Theory]
    [InlineData("""{"key":"K","value":""}""")]
    [InlineData("""{"key":"","value":"v"}""")]
    [InlineData("""{"value":"v"}""")]
    [InlineData("""{"key":"K","value":true}""")]
    [InlineData("""{"key":""")]
    [InlineData("""[{"key":"K","value":"v"}]""")]
    public async Task Invalid_bodies_are_400_invalid_request_body(string json)
    {
        foreach (var path in new[] { "/settings/secrets", "/admin/secrets" })
        {
            var response = await _admin.PostAsync(path, SecretsTest.Json(json));

            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            (await response.ErrorAsync()).ShouldBe("invalid request body");
        }
    }

    [Fact]
    public async Task A_key_longer_than_1024_bytes_is_400()
    {
        var response = await _admin.SetGlobalAsync(new string('é', 513), "v");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.ErrorAsync()).ShouldBe("invalid request body");
    }

    [Fact]
    public async Task Oversized_body_is_413()
    {
        var response = await _admin.PutAsJsonAsync("/settings/secrets", new { key = "HUGE", value = new string('x', 65 * 1024) });

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        var keys = (await (await _admin.GetAsync("/settings/secrets")).BodyAsync()).AsArray().Select(item => item!["key"]!.GetValue<string>());
        keys.ShouldNotContain("HUGE");
    }

    [Fact]
    public async Task Set_and_delete_restart_only_running_non_external_workspaces_without_an_override()
    {
        const string key = "FANOUT_KEY";
        var inherits = await _app.CreateWorkspaceAsync("inherits");
        var offline = await _app.CreateWorkspaceAsync("offline", status: "offline");
        var overrides = await _app.CreateWorkspaceAsync("overrides");
        var paused = await _app.CreateWorkspaceAsync("paused", status: "paused");
        var removed = await _app.CreateWorkspaceAsync("removed", status: "removed");
        var external = await _app.CreateWorkspaceAsync("external", runtime: "external");
        await _admin.SetSecretAsync(overrides, key, "own value");

        (await _admin.SetGlobalAsync(key, "shared value")).StatusCode.ShouldBe(HttpStatusCode.OK);
        await WaitForReasonAsync($"global secret {key} saved", inherits, offline);
        (await _admin.DeleteAsync($"/settings/secrets/{key}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        await WaitForReasonAsync($"global secret {key} deleted", inherits, offline);

        // A later change's fan-out starts after the earlier passes finished; by then any wrongly
        // included workspace would have been recorded too.
        await _admin.SetGlobalAsync("FANOUT_SENTINEL", "v");
        var requests = await WaitForReasonAsync("global secret FANOUT_SENTINEL saved", inherits);
        foreach (var reason in new[] { "saved", "deleted" })
        {
            var restarted = requests.Where(request => request.Reason == $"global secret {key} {reason}").Select(request => request.WorkspaceId).ToList();
            restarted.ShouldNotContain(overrides);
            restarted.ShouldNotContain(paused);
            restarted.ShouldNotContain(removed);
            restarted.ShouldNotContain(external);
            restarted.Count(id => id == inherits).ShouldBe(1);
        }
    }

    [Fact]
    public async Task Delete_of_a_missing_global_restarts_nothing()
    {
        var inherits = await _app.CreateWorkspaceAsync();

        var response = await _admin.DeleteAsync("/settings/secrets/NEVER_SET");
        await _admin.SetGlobalAsync("MISSING_SENTINEL", "v");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var requests = await WaitForReasonAsync("global secret MISSING_SENTINEL saved", inherits);
        requests.ShouldNotContain(request => request.Reason.Contains("NEVER_SET"));
    }

    /// <summary>Waits until each expected workspace was asked to restart for <paramref name="reason"/>.</summary>
    private Task<IReadOnlyList<RestartRequest>> WaitForReasonAsync(string reason, params Guid[] expected) =>
        _app.Restarts.WaitUntilAsync(
            requests => expected.All(id => requests.Any(request => request.WorkspaceId == id && request.Reason == reason)),
            SecretsTest.RestartWait,
            $"'{reason}' restarts of {string.Join(", ", expected)}");
}
