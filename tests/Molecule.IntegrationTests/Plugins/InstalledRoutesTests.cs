using System.Net;
using Molecule.Testing;

namespace Molecule.IntegrationTests.Plugins;

/// <summary>The read routes for a workspace without a running container, or on EC2.</summary>
public sealed class InstalledRoutesTests(PluginsApp app) : IClassFixture<PluginsApp>
{
    [Fact]
    public async Task A_workspace_without_a_running_container_has_nothing_installed_and_everything_compatible()
    {
        var workspace = await app.CreateWorkspaceAsync();

        (await app.Admin().GetStringAsync($"/workspaces/{workspace}/plugins")).ShouldBe("[]");
        var compatibility = await (await app.Admin().GetAsync($"/workspaces/{workspace}/plugins/compatibility?runtime=hermes")).ShouldBeOkAsync();
        compatibility.ToJsonString().ShouldBe("""{"all_compatible":true,"compatible":[],"incompatible":[],"target_runtime":"hermes"}""");
    }

    [Fact]
    public async Task Available_is_the_registry_filtered_by_the_workspaces_runtime_on_either_backend()
    {
        app.AddRegistryPlugin("avail-cc", new Dictionary<string, string> { ["plugin.yaml"] = "runtimes: [claude_code]\n" });
        app.AddRegistryPlugin("avail-hermes", new Dictionary<string, string> { ["plugin.yaml"] = "runtimes: [hermes]\n" });
        var docker = await app.CreateWorkspaceAsync(runtime: "claude-code");
        var ec2 = await app.CreateWorkspaceAsync(runtime: "hermes", instanceId: "i-0abc");

        var forDocker = (await (await app.Admin().GetAsync($"/workspaces/{docker}/plugins/available")).ShouldBeOkAsync()).Names();
        var forEc2 = (await (await app.Admin().GetAsync($"/workspaces/{ec2}/plugins/available")).ShouldBeOkAsync()).Names();

        forDocker.ShouldContain("avail-cc");
        forDocker.ShouldNotContain("avail-hermes");
        forEc2.ShouldContain("avail-hermes");
        forEc2.ShouldNotContain("avail-cc");
    }

    [Fact]
    public async Task Compatibility_needs_a_runtime()
    {
        var workspace = await app.CreateWorkspaceAsync();

        await (await app.Admin().GetAsync($"/workspaces/{workspace}/plugins/compatibility"))
            .ShouldBeErrorAsync(HttpStatusCode.BadRequest, "runtime query parameter is required");
    }

    [Theory]
    [InlineData("GET", "plugins", "plugin listing is not available on the ec2 backend")]
    [InlineData("GET", "plugins/compatibility?runtime=langgraph", "plugin listing is not available on the ec2 backend")]
    [InlineData("DELETE", "plugins/some-plugin", "plugin uninstall is not available on the ec2 backend")]
    public async Task Ec2_workspaces_answer_not_built(string method, string path, string error)
    {
        var workspace = await app.CreateWorkspaceAsync(instanceId: "i-0123456789abcdef0");

        await (await app.Admin().SendAsync(new HttpRequestMessage(new HttpMethod(method), $"/workspaces/{workspace}/{path}")))
            .ShouldBeErrorAsync(HttpStatusCode.NotImplemented, error);
    }

    [Theory]
    [InlineData("GET", "plugins")]
    [InlineData("GET", "plugins/available")]
    [InlineData("GET", "plugins/compatibility?runtime=langgraph")]
    [InlineData("DELETE", "plugins/some-plugin")]
    public async Task Unknown_and_malformed_workspaces_are_refused(string method, string path)
    {
        await (await app.Admin().SendAsync(new HttpRequestMessage(new HttpMethod(method), $"/workspaces/{Guid.NewGuid()}/{path}")))
            .ShouldBeErrorAsync(HttpStatusCode.NotFound, "workspace not found");
        await (await app.Admin().SendAsync(new HttpRequestMessage(new HttpMethod(method), $"/workspaces/not-a-uuid/{path}")))
            .ShouldBeErrorAsync(HttpStatusCode.BadRequest, "invalid workspace ID");
    }

    [Theory]
    [InlineData("a..b")]
    [InlineData("..x")]
    public async Task Uninstall_refuses_a_bad_name(string name)
    {
        var workspace = await app.CreateWorkspaceAsync();

        await (await app.Admin().DeleteAsync($"/workspaces/{workspace}/plugins/{name}"))
            .ShouldBeErrorAsync(HttpStatusCode.BadRequest, "invalid plugin name");
    }

    [Fact]
    public async Task Uninstall_without_a_running_container_is_unavailable()
    {
        var workspace = await app.CreateWorkspaceAsync();

        await (await app.Admin().DeleteAsync($"/workspaces/{workspace}/plugins/whatever"))
            .ShouldBeErrorAsync(HttpStatusCode.ServiceUnavailable, "workspace container not running");
    }
}

/// <summary>Every plugin route carries its auth: workspace routes want a bearer for that workspace, the allowlist an admin.</summary>
public sealed class PluginRouteAuthTests(PluginsApp app) : IClassFixture<PluginsApp>
{
    public static TheoryData<string, string> WorkspaceRoutes => new()
    {
        { "GET", "plugins" },
        { "GET", "plugins/available" },
        { "GET", "plugins/compatibility?runtime=langgraph" },
        { "POST", "plugins" },
        { "DELETE", "plugins/p" },
        { "GET", "plugins/p/download" },
    };

    [Theory]
    [MemberData(nameof(WorkspaceRoutes))]
    public async Task Workspace_routes_refuse_no_bearer_and_another_workspaces_token(string method, string path)
    {
        var workspace = await app.CreateWorkspaceAsync();
        var other = await app.CreateWorkspaceAsync();
        var otherToken = await app.IssueWorkspaceTokenAsync(other);

        await (await app.Client().SendAsync(Request(method, workspace, path)))
            .ShouldBeErrorAsync(HttpStatusCode.Unauthorized, "missing workspace auth token");
        await (await app.Client(otherToken).SendAsync(Request(method, workspace, path)))
            .ShouldBeErrorAsync(HttpStatusCode.Unauthorized, "invalid workspace auth token");
    }

    [Theory]
    [MemberData(nameof(WorkspaceRoutes))]
    public async Task The_workspaces_own_token_passes(string method, string path)
    {
        app.AddRegistryPlugin("p", new Dictionary<string, string> { ["plugin.yaml"] = "version: 1\n" });
        var workspace = await app.CreateWorkspaceAsync();
        var token = await app.IssueWorkspaceTokenAsync(workspace);

        var response = await app.Client(token).SendAsync(Request(method, workspace, path));

        // Past auth: the routes answer from the registry, or find no container to act on.
        response.StatusCode.ShouldBeOneOf(HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable);
    }

    [Fact]
    public async Task Registry_routes_are_open()
    {
        (await app.Client().GetAsync("/plugins")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await app.Client().GetAsync("/plugins/sources")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private static HttpRequestMessage Request(string method, Guid workspace, string path) =>
        new(new HttpMethod(method), $"/workspaces/{workspace}/{path}")
        {
            Content = method == "POST" ? PluginsHttp.Json("""{"source":"p"}""") : null,
        };
}
