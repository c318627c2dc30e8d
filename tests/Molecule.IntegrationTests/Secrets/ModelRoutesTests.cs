using System.Net;
using System.Net.Http.Json;
using Molecule.Testing;

namespace Molecule.IntegrationTests.Secrets;

public sealed class ModelRoutesTests(PlaintextSecretsFixture fixture) : IClassFixture<PlaintextSecretsFixture>
{
    private readonly SecretsApp _app = fixture.App;
    private readonly HttpClient _admin = fixture.App.Client(SecretsTest.AdminToken);

    [Fact]
    public async Task Without_a_model_secret_the_source_is_default()
    {
        var workspaceId = await _app.CreateWorkspaceAsync();

        var response = await _admin.GetAsync($"/workspaces/{workspaceId}/model");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldBe("""{"model":"","source":"default"}""");
    }

    [Fact]
    public async Task Put_stores_the_model_as_the_workspace_MODEL_PROVIDER_secret_and_restarts()
    {
        var workspaceId = await _app.CreateWorkspaceAsync();

        var put = await _admin.PutAsJsonAsync($"/workspaces/{workspaceId}/model", new { model = "anthropic:claude-sonnet-4" });
        var get = await _admin.GetAsync($"/workspaces/{workspaceId}/model");

        put.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await put.Content.ReadAsStringAsync()).ShouldBe("""{"model":"anthropic:claude-sonnet-4","status":"saved"}""");
        (await get.Content.ReadAsStringAsync()).ShouldBe("""{"model":"anthropic:claude-sonnet-4","source":"workspace_secrets"}""");
        var values = await (await _admin.GetAsync($"/workspaces/{workspaceId}/secrets/values")).BodyAsync();
        values["MODEL_PROVIDER"]!.GetValue<string>().ShouldBe("anthropic:claude-sonnet-4");
        await _app.Restarts.WaitUntilAsync(
            requests => requests.Any(request => request.WorkspaceId == workspaceId && request.Reason == "model changed"),
            SecretsTest.RestartWait,
            "a restart after the model change");
    }

    [Theory]
    [InlineData("""{"model":""}""")]
    [InlineData("""{}""")]
    public async Task Put_with_an_empty_model_clears_it_and_restarts(string json)
    {
        var workspaceId = await _app.CreateWorkspaceAsync();
        await _admin.PutAsJsonAsync($"/workspaces/{workspaceId}/model", new { model = "openai:gpt-5" });

        var clear = await _admin.PutAsync($"/workspaces/{workspaceId}/model", SecretsTest.Json(json));

        clear.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await clear.Content.ReadAsStringAsync()).ShouldBe("""{"status":"cleared"}""");
        (await (await _admin.GetAsync($"/workspaces/{workspaceId}/model")).Content.ReadAsStringAsync())
            .ShouldBe("""{"model":"","source":"default"}""");
        await _app.Restarts.WaitUntilAsync(
            requests => requests.Any(request => request.WorkspaceId == workspaceId && request.Reason == "model cleared"),
            SecretsTest.RestartWait,
            "a restart after the model was cleared");
    }

    [Fact]
    public async Task Global_MODEL_PROVIDER_is_not_consulted()
    {
        var workspaceId = await _app.CreateWorkspaceAsync();
        await _admin.SetGlobalAsync("MODEL_PROVIDER", "global:model");

        var response = await _admin.GetAsync($"/workspaces/{workspaceId}/model");

        (await response.Content.ReadAsStringAsync()).ShouldBe("""{"model":"","source":"default"}""");
    }

    [Fact]
    public async Task Any_uuid_spelling_postgres_accepts_is_taken()
    {
        var workspaceId = await _app.CreateWorkspaceAsync();
        await _admin.PutAsJsonAsync($"/workspaces/{workspaceId}/model", new { model = "m" });

        var response = await _admin.GetAsync($"/workspaces/{workspaceId.ToString().ToUpperInvariant()}/model");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.BodyAsync())["model"]!.GetValue<string>().ShouldBe("m");
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("PUT")]
    public async Task A_non_uuid_id_is_400(string method)
    {
        var response = await _admin.SendAsync(new HttpRequestMessage(new HttpMethod(method), "/workspaces/not-a-uuid/model")
        {
            Content = method == "PUT" ? SecretsTest.Json("""{"model":"m"}""") : null,
        });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.ErrorAsync()).ShouldBe("invalid workspace ID");
    }

    [Theory]
    [InlineData("""{"model":5}""")]
    [InlineData("""{"model":"m""")]
    [InlineData("""["m"]""")]
    [InlineData("")]
    public async Task Invalid_bodies_are_400(string json)
    {
        var workspaceId = await _app.CreateWorkspaceAsync();

        var response = await _admin.PutAsync($"/workspaces/{workspaceId}/model", SecretsTest.Json(json));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.ErrorAsync()).ShouldBe("invalid request body");
    }

    [Fact]
    public async Task Oversized_body_is_413()
    {
        var workspaceId = await _app.CreateWorkspaceAsync();

        var response = await _admin.PutAsJsonAsync($"/workspaces/{workspaceId}/model", new { model = new string('m', 65 * 1024) });

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        (await (await _admin.GetAsync($"/workspaces/{workspaceId}/model")).BodyAsync())["source"]!.GetValue<string>().ShouldBe("default");
    }

    [Fact]
    public async Task Put_for_an_unknown_workspace_is_404()
    {
        var response = await _admin.PutAsJsonAsync($"/workspaces/{Guid.NewGuid()}/model", new { model = "m" });

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await response.ErrorAsync()).ShouldBe("workspace not found");
    }
}
