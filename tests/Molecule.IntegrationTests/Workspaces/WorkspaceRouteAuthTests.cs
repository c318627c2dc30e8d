using System.Net;
using Molecule.Testing;
using static Molecule.IntegrationTests.Workspaces.WorkspacesTestKit;

namespace Molecule.IntegrationTests.Workspaces;

/// <summary>With ADMIN_TOKEN set, every workspace route refuses a missing or wrong bearer.</summary>
public sealed class WorkspaceRouteAuthTests(WorkspacesApp app) : IClassFixture<WorkspacesApp>
{
    public static TheoryData<string, string, string, string> AdminRoutes => new()
    {
        { "GET", "/workspaces", "admin auth required", "invalid admin auth token" },
        { "POST", "/workspaces", "admin auth required", "invalid admin auth token" },
        { "DELETE", "/workspaces/{id}", "admin auth required", "invalid admin auth token" },
        { "POST", "/admin/workspaces/{id}/bootstrap-failed", "admin auth required", "invalid admin auth token" },
    };

    public static TheoryData<string, string, string, string> WorkspaceRoutes => new()
    {
        { "PATCH", "/workspaces/{id}", "missing workspace auth token", "invalid workspace auth token" },
        { "GET", "/workspaces/{id}/state", "missing workspace auth token", "invalid workspace auth token" },
        { "POST", "/workspaces/{id}/restart", "missing workspace auth token", "invalid workspace auth token" },
        { "POST", "/workspaces/{id}/pause", "missing workspace auth token", "invalid workspace auth token" },
        { "POST", "/workspaces/{id}/resume", "missing workspace auth token", "invalid workspace auth token" },
        { "POST", "/workspaces/{id}/hibernate", "missing workspace auth token", "invalid workspace auth token" },
        { "GET", "/workspaces/{id}/config", "missing workspace auth token", "invalid workspace auth token" },
        { "PATCH", "/workspaces/{id}/config", "missing workspace auth token", "invalid workspace auth token" },
    };

    [Theory]
    [MemberData(nameof(AdminRoutes))]
    [MemberData(nameof(WorkspaceRoutes))]
    public async Task No_bearer_and_a_wrong_bearer_are_401_and_change_nothing(string method, string route, string missing, string invalid)
    {
        var id = await InsertAsync(app, "Protected");
        var path = route.Replace("{id}", id.ToString(), StringComparison.Ordinal);

        var (none, noneBody) = await SendAsync(app.Client(), new HttpMethod(method), path, "{}");
        var (wrong, wrongBody) = await SendAsync(app.Client("not-the-admin-token"), new HttpMethod(method), path, "{}");

        none.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        noneBody.Text("error").ShouldBe(missing);
        wrong.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        wrongBody.Text("error").ShouldBe(invalid);
        (await RowAsync(app, id))!.Status.ShouldBe("online");
        (await EventsAsync(app, id)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_workspace_token_opens_its_own_workspace_routes_but_not_admin_routes_or_another_workspace()
    {
        var id = await InsertAsync(app, "Own");
        var other = await InsertAsync(app, "Other");
        var (_, minted) = await PostAsync(app.Admin(), "/workspaces", """{"name":"Agent","external":true}""");
        var agentId = Guid.Parse(minted.Text("id"));
        var token = minted!["connection"]!["auth_token"]!.GetValue<string>();

        (await SendAsync(app.Client(token), HttpMethod.Get, $"/workspaces/{agentId}/config")).Response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await SendAsync(app.Client(token), HttpMethod.Get, $"/workspaces/{other}/config")).Response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await SendAsync(app.Client(token), HttpMethod.Get, "/workspaces")).Response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await SendAsync(app.Client(token), HttpMethod.Delete, $"/workspaces/{id}")).Response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Get_is_open_as_in_the_reference()
    {
        var id = await InsertAsync(app, "Public card");

        (await SendAsync(app.Client(), HttpMethod.Get, $"/workspaces/{id}")).Response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
