using System.Net;
using System.Text;
using Molecule.Testing;

namespace Molecule.IntegrationTests.Activity;

/// <summary>With ADMIN_TOKEN set, every activity, delegation and queue-admin route refuses a wrong or missing bearer.</summary>
public sealed class ActivityAuthTests(ActivityApp app) : IClassFixture<ActivityApp>
{
    public static TheoryData<string, string> WorkspaceRoutes => new()
    {
        { "GET", "/workspaces/{0}/activity" },
        { "POST", "/workspaces/{0}/activity" },
        { "POST", "/workspaces/{0}/notify" },
        { "GET", "/workspaces/{0}/session-search?q=x" },
        { "POST", "/workspaces/{0}/delegate" },
        { "GET", "/workspaces/{0}/delegations" },
        { "POST", "/workspaces/{0}/delegations/record" },
        { "POST", "/workspaces/{0}/delegations/d-1/update" },
    };

    [Theory]
    [MemberData(nameof(WorkspaceRoutes))]
    public async Task Workspace_routes_need_a_bearer_bound_to_the_workspace(string method, string template)
    {
        var ws = await app.SeedWorkspaceAsync("guarded");
        var path = string.Format(System.Globalization.CultureInfo.InvariantCulture, template, ws);

        var wrong = await app.Client("wrong-token").SendAsync(Request(method, path));
        var none = await app.Client().SendAsync(Request(method, path));

        wrong.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await wrong.ErrorAsync()).ShouldBe("invalid workspace auth token");
        none.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await none.ErrorAsync()).ShouldBe("missing workspace auth token");
    }

    [Fact]
    public async Task Dropping_stale_queue_items_needs_the_admin_token()
    {
        var ws = await app.SeedWorkspaceAsync("admin-guarded");
        var workspaceToken = await app.IssueWorkspaceTokenAsync(ws);

        var wrong = await app.Client("wrong-token").SendAsync(Request("POST", "/admin/a2a-queue/drop-stale"));
        var workspace = await app.Client(workspaceToken).SendAsync(Request("POST", "/admin/a2a-queue/drop-stale"));
        var none = await app.Client().SendAsync(Request("POST", "/admin/a2a-queue/drop-stale"));

        wrong.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await wrong.ErrorAsync()).ShouldBe("invalid admin auth token");
        workspace.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        none.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await none.ErrorAsync()).ShouldBe("admin auth required");
    }

    private static HttpRequestMessage Request(string method, string path) => new(new HttpMethod(method), path)
    {
        Content = method == "POST" ? new StringContent("{}", Encoding.UTF8, "application/json") : null,
    };
}
