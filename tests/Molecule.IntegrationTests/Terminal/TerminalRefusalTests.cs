using System.Net;
using System.Text.Json.Nodes;
using Molecule.Testing;

namespace Molecule.IntegrationTests.Terminal;

/// <summary>Everything the terminal refuses is answered as plain HTTP before the upgrade.</summary>
[Collection(DockerEngineFixture.Collection)]
public sealed class TerminalRefusalTests(DockerEngineFixture docker, TerminalApp app) : IClassFixture<TerminalApp>
{
    [Fact]
    public async Task A_stopped_container_is_404_container_not_running()
    {
        var workspace = await app.InsertTerminalWorkspaceAsync();
        await docker.CreateStoppedWorkspaceContainerAsync(workspace);

        await ShouldRefuseAsync(await app.Admin().GetAsync(Terminal(workspace)), HttpStatusCode.NotFound, "container not running");
        var handshake = await Should.ThrowAsync<InvalidOperationException>(() => app.ConnectTerminalAsync(workspace, TerminalApp.AdminToken));
        handshake.Message.ShouldContain("404");
    }

    [Fact]
    public async Task A_workspace_without_a_container_is_404_container_not_running()
    {
        var workspace = await app.InsertTerminalWorkspaceAsync();

        await ShouldRefuseAsync(await app.Admin().GetAsync(Terminal(workspace)), HttpStatusCode.NotFound, "container not running");
    }

    [Theory]
    [InlineData("7d3c2f4e-0000-4000-8000-000000000001")]
    [InlineData("not-a-uuid")]
    public async Task An_unknown_workspace_is_404(string id)
    {
        await ShouldRefuseAsync(await app.Admin().GetAsync($"/workspaces/{id}/terminal"), HttpStatusCode.NotFound, "workspace not found");
    }

    [Fact]
    public async Task A_plain_request_to_a_running_workspace_is_400()
    {
        var workspace = await app.InsertTerminalWorkspaceAsync();
        await docker.RunWorkspaceContainerAsync(workspace);

        await ShouldRefuseAsync(await app.Admin().GetAsync(Terminal(workspace)), HttpStatusCode.BadRequest, "websocket upgrade required");
    }

    [Fact]
    public async Task An_EC2_workspace_is_501_until_that_backend_is_built()
    {
        var workspace = await app.InsertTerminalWorkspaceAsync(instanceId: "i-0123456789abcdef0");

        await ShouldRefuseAsync(
            await app.Admin().GetAsync(Terminal(workspace)), HttpStatusCode.NotImplemented, "terminal is not available on the ec2 backend");
    }

    [Fact]
    public async Task A_wrong_or_missing_bearer_is_401_before_the_upgrade()
    {
        var workspace = await app.InsertTerminalWorkspaceAsync();
        await docker.RunWorkspaceContainerAsync(workspace);

        await ShouldRefuseAsync(await app.Client("not-a-token").GetAsync(Terminal(workspace)), HttpStatusCode.Unauthorized, "invalid workspace auth token");
        await ShouldRefuseAsync(await app.Client().GetAsync(Terminal(workspace)), HttpStatusCode.Unauthorized, "missing workspace auth token");
        var handshake = await Should.ThrowAsync<InvalidOperationException>(() => app.ConnectTerminalAsync(workspace, "not-a-token"));
        handshake.Message.ShouldContain("401");
    }

    [Fact]
    public async Task The_workspace_own_token_opens_it()
    {
        var workspace = await app.InsertTerminalWorkspaceAsync();
        await docker.RunWorkspaceContainerAsync(workspace);
        var token = await app.IssueWorkspaceTokenAsync(workspace);

        await using var terminal = await app.ConnectTerminalAsync(workspace, token);
        await terminal.SendTextAsync("echo mi''ne\n");
        await terminal.WaitForAsync("\nmine");
    }

    [Theory]
    [InlineData("https://evil.example")]
    [InlineData("http://localhost.evil.example")]
    [InlineData("http://localhost:3000.evil.example")]
    public async Task An_origin_that_is_not_allowed_is_403(string origin)
    {
        var workspace = await app.InsertTerminalWorkspaceAsync();
        await docker.RunWorkspaceContainerAsync(workspace);

        var client = app.Admin();
        client.DefaultRequestHeaders.Add("Origin", origin);
        await ShouldRefuseAsync(await client.GetAsync(Terminal(workspace)), HttpStatusCode.Forbidden, "origin not allowed");
        var handshake = await Should.ThrowAsync<InvalidOperationException>(() =>
            app.ConnectTerminalAsync(workspace, TerminalApp.AdminToken, new Dictionary<string, string> { ["Origin"] = origin }));
        handshake.Message.ShouldContain("403");
    }

    [Fact]
    public async Task A_claimed_caller_must_prove_itself_with_its_own_token()
    {
        var target = await app.InsertTerminalWorkspaceAsync("target");
        var caller = await app.InsertTerminalWorkspaceAsync("caller");
        var targetToken = await app.IssueWorkspaceTokenAsync(target);

        // The target's own token passes WorkspaceAuth but is not the claimed caller's.
        var client = app.Client(targetToken);
        client.DefaultRequestHeaders.Add("X-Workspace-ID", caller.ToString());

        await ShouldRefuseAsync(await client.GetAsync(Terminal(target)), HttpStatusCode.Unauthorized, "invalid token for claimed workspace");
    }

    [Fact]
    public async Task A_claimed_caller_the_hierarchy_keeps_apart_is_403_and_its_parent_passes()
    {
        var team = await app.InsertTerminalWorkspaceAsync("team");
        var member = await app.InsertTerminalWorkspaceAsync("member", parentId: team);
        var outsider = await app.InsertTerminalWorkspaceAsync("outsider", parentId: await app.InsertTerminalWorkspaceAsync("other-team"));
        await docker.RunWorkspaceContainerAsync(member);
        await docker.RunWorkspaceContainerAsync(outsider);
        // An org token is exempt from the caller's token check, so only the hierarchy decides.
        var orgToken = (await app.InsertOrgTokenAsync()).Token;

        var asMember = app.Client(orgToken);
        asMember.DefaultRequestHeaders.Add("X-Workspace-ID", member.ToString());
        await ShouldRefuseAsync(
            await asMember.GetAsync(Terminal(outsider)), HttpStatusCode.Forbidden, "not authorized to access this workspace's terminal");

        var asTeam = app.Client(orgToken);
        asTeam.DefaultRequestHeaders.Add("X-Workspace-ID", team.ToString());
        await ShouldRefuseAsync(await asTeam.GetAsync(Terminal(member)), HttpStatusCode.BadRequest, "websocket upgrade required");
    }

    [Fact]
    public async Task An_unreachable_engine_is_503_Docker_not_available()
    {
        await using var noEngine = await TerminalApp.StartAsync(new Dictionary<string, string?>
        {
            ["DOCKER_HOST"] = $"unix:///tmp/molecule-no-docker-{Guid.NewGuid():N}/docker.sock",
        });
        var workspace = await noEngine.InsertTerminalWorkspaceAsync();

        await ShouldRefuseAsync(await noEngine.Admin().GetAsync(Terminal(workspace)), HttpStatusCode.ServiceUnavailable, "Docker not available");
    }

    private static string Terminal(Guid workspace) => $"/workspaces/{workspace}/terminal";

    private static async Task ShouldRefuseAsync(HttpResponseMessage response, HttpStatusCode status, string error)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(status, body);
        JsonNode.Parse(body)!["error"]!.GetValue<string>().ShouldBe(error);
    }
}
