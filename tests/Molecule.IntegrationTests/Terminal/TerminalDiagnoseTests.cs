using System.Net;
using System.Text.Json.Nodes;
using Molecule.Testing;

namespace Molecule.IntegrationTests.Terminal;

[Collection(DockerEngineFixture.Collection)]
public sealed class TerminalDiagnoseTests(DockerEngineFixture docker, TerminalApp app) : IClassFixture<TerminalApp>
{
    [Fact]
    public async Task A_healthy_workspace_passes_every_docker_stage()
    {
        var workspace = await app.InsertTerminalWorkspaceAsync();
        await docker.RunWorkspaceContainerAsync(workspace);

        var body = await DiagnoseAsync(app, workspace);

        body["workspace_id"]!.GetValue<string>().ShouldBe(workspace.ToString());
        body["backend"]!.GetValue<string>().ShouldBe("docker");
        body["instance_id"].ShouldBeNull();
        body["ok"]!.GetValue<bool>().ShouldBeTrue();
        body["first_failure"].ShouldBeNull();
        StepNames(body).ShouldBe(["container-found", "container-running", "exec-probe"]);
        foreach (var step in body["steps"]!.AsArray())
        {
            step!["ok"]!.GetValue<bool>().ShouldBeTrue();
            step["error"]!.GetValue<string>().ShouldBeEmpty();
            step["duration_ms"]!.GetValue<long>().ShouldBeGreaterThanOrEqualTo(0);
        }

        // The image has no bash: the probe says which shell the terminal gets.
        Step(body, "exec-probe")["detail"]!.GetValue<string>().ShouldBe("/bin/sh answered ok (/bin/bash missing)");
    }

    [Fact]
    public async Task A_stopped_container_fails_at_container_running_and_later_stages_are_not_listed()
    {
        var workspace = await app.InsertTerminalWorkspaceAsync();
        await docker.CreateStoppedWorkspaceContainerAsync(workspace);

        var body = await DiagnoseAsync(app, workspace);

        body["ok"]!.GetValue<bool>().ShouldBeFalse();
        body["first_failure"]!.GetValue<string>().ShouldBe("container-running");
        StepNames(body).ShouldBe(["container-found", "container-running"]);
        Step(body, "container-running")["error"]!.GetValue<string>().ShouldBe("container is created");
    }

    [Fact]
    public async Task A_missing_container_fails_at_container_found()
    {
        var workspace = await app.InsertTerminalWorkspaceAsync();

        var body = await DiagnoseAsync(app, workspace);

        body["first_failure"]!.GetValue<string>().ShouldBe("container-found");
        StepNames(body).ShouldBe(["container-found"]);
        Step(body, "container-found")["detail"]!.GetValue<string>().ShouldContain($"ws-{workspace.ToString()[..12]}");
    }

    [Fact]
    public async Task An_unreachable_engine_fails_at_container_found_naming_the_socket()
    {
        var socket = $"/tmp/molecule-no-docker-{Guid.NewGuid():N}/docker.sock";
        await using var noEngine = await TerminalApp.StartAsync(new Dictionary<string, string?> { ["DOCKER_HOST"] = "unix://" + socket });
        var workspace = await noEngine.InsertTerminalWorkspaceAsync();

        var body = await DiagnoseAsync(noEngine, workspace);

        body["first_failure"]!.GetValue<string>().ShouldBe("container-found");
        Step(body, "container-found")["error"]!.GetValue<string>().ShouldBe("Docker not available");
        Step(body, "container-found")["detail"]!.GetValue<string>().ShouldContain(socket);
    }

    [Fact]
    public async Task An_unknown_workspace_is_404()
    {
        var response = await app.Admin().GetAsync($"/workspaces/{Guid.NewGuid()}/terminal/diagnose");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!.GetValue<string>().ShouldBe("workspace not found");
    }

    [Fact]
    public async Task A_wrong_bearer_is_401()
    {
        var workspace = await app.InsertTerminalWorkspaceAsync();

        var response = await app.Client("not-a-token").GetAsync($"/workspaces/{workspace}/terminal/diagnose");

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    private static async Task<JsonNode> DiagnoseAsync(TerminalApp app, Guid workspace)
    {
        var response = await app.Admin().GetAsync($"/workspaces/{workspace}/terminal/diagnose");
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        return JsonNode.Parse(text)!;
    }

    private static string[] StepNames(JsonNode body) =>
        [.. body["steps"]!.AsArray().Select(step => step!["name"]!.GetValue<string>())];

    private static JsonNode Step(JsonNode body, string name) =>
        body["steps"]!.AsArray().Single(step => step!["name"]!.GetValue<string>() == name)!;
}
