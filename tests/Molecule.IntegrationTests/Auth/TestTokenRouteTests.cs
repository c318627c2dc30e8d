using System.Net;
using Molecule.Testing;

namespace Molecule.IntegrationTests.Auth;

/// <summary>GET /admin/workspaces/{id}/test-token (spec §3.6).</summary>
public sealed class TestTokenRouteTests
{
    private static string Route(object workspace) => $"/admin/workspaces/{workspace}/test-token";

    [Fact]
    public async Task Mints_a_token_bound_to_the_workspace_without_revoking_earlier_ones()
    {
        await using var app = await MoleculeApp.StartAsync(new Dictionary<string, string?>());
        var workspace = await app.InsertWorkspaceAsync();

        var first = await (await app.Client().GetAsync(Route(workspace))).ShouldSucceedWith(HttpStatusCode.OK);
        var second = await (await app.Client().GetAsync(Route(workspace))).ShouldSucceedWith(HttpStatusCode.OK);

        first["workspace_id"]!.GetValue<string>().ShouldBe(workspace.ToString());
        var firstToken = first["auth_token"]!.GetValue<string>();
        var secondToken = second["auth_token"]!.GetValue<string>();
        firstToken.Length.ShouldBe(43);
        firstToken.ShouldNotBe(secondToken);
        (await app.Client(firstToken).GetAsync($"/workspaces/{workspace}/tokens")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await app.Client(secondToken).GetAsync($"/workspaces/{workspace}/tokens")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Keeps_working_after_tokens_exist_and_its_token_ends_admin_fail_open()
    {
        await using var app = await MoleculeApp.StartAsync(new Dictionary<string, string?>());
        var workspace = await app.InsertWorkspaceAsync();
        (await app.Client().GetAsync("/org/tokens")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var token = (await (await app.Client().GetAsync(Route(workspace))).ShouldSucceedWith(HttpStatusCode.OK))["auth_token"]!.GetValue<string>();

        (await app.Client().GetAsync(Route(workspace))).StatusCode.ShouldBe(HttpStatusCode.OK);
        await (await app.Client().GetAsync("/org/tokens")).ShouldFailWith(HttpStatusCode.Unauthorized, "admin auth required");
        (await app.Client(token).GetAsync("/org/tokens")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    // Production refuses to start without an encryption key; the value is irrelevant to these tests.
    private const string ProductionKey = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    [Fact]
    public async Task Is_disabled_in_production()
    {
        await using var app = await MoleculeApp.StartAsync(new Dictionary<string, string?> { ["MOLECULE_ENV"] = "production", ["SECRETS_ENCRYPTION_KEY"] = ProductionKey });
        var workspace = await app.InsertWorkspaceAsync();

        await (await app.Client().GetAsync(Route(workspace))).ShouldFailWith(HttpStatusCode.NotFound, "not found");
        await (await app.Client().GetAsync(Route("not-a-uuid"))).ShouldFailWith(HttpStatusCode.NotFound, "not found");
        (await app.ScalarAsync<long>("SELECT count(*) FROM workspace_auth_tokens")).ShouldBe(0);
    }

    [Fact]
    public async Task Production_can_enable_it_explicitly()
    {
        await using var app = await MoleculeApp.StartAsync(new Dictionary<string, string?>
        {
            ["MOLECULE_ENV"] = "production",
            ["MOLECULE_ENABLE_TEST_TOKENS"] = "1",
            ["SECRETS_ENCRYPTION_KEY"] = ProductionKey,
        });
        var workspace = await app.InsertWorkspaceAsync();

        (await app.Client().GetAsync(Route(workspace))).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("prod")]
    public async Task Only_the_exact_word_production_disables_it(string environment)
    {
        await using var app = await MoleculeApp.StartAsync(new Dictionary<string, string?> { ["MOLECULE_ENV"] = environment, ["SECRETS_ENCRYPTION_KEY"] = ProductionKey });
        var workspace = await app.InsertWorkspaceAsync();

        (await app.Client().GetAsync(Route(workspace))).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task With_admin_token_set_only_that_token_opens_it()
    {
        await using var app = await MoleculeApp.StartAsync(new Dictionary<string, string?> { ["ADMIN_TOKEN"] = "admin-secret" });
        var workspace = await app.InsertWorkspaceAsync();
        var workspaceToken = await app.IssueWorkspaceTokenAsync(workspace);
        var (_, orgToken) = await app.InsertOrgTokenAsync();

        await (await app.Client().GetAsync(Route(workspace))).ShouldFailWith(HttpStatusCode.Unauthorized, "admin auth required");
        await (await app.Client("wrong").GetAsync(Route(workspace))).ShouldFailWith(HttpStatusCode.Unauthorized, "admin auth required");
        await (await app.Client(orgToken).GetAsync(Route(workspace))).ShouldFailWith(HttpStatusCode.Unauthorized, "admin auth required");
        await (await app.Client(workspaceToken).GetAsync(Route(workspace))).ShouldFailWith(HttpStatusCode.Unauthorized, "admin auth required");
        (await app.Client("admin-secret").GetAsync(Route(workspace))).StatusCode.ShouldBe(HttpStatusCode.OK);

        // The header without the Bearer scheme is accepted too, as in the reference.
        var raw = app.Client();
        raw.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "admin-secret");
        (await raw.GetAsync(Route(workspace))).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Unknown_workspace_is_404_and_a_malformed_id_fails_lookup()
    {
        await using var app = await MoleculeApp.StartAsync(new Dictionary<string, string?>());

        await (await app.Client().GetAsync(Route(Guid.NewGuid()))).ShouldFailWith(HttpStatusCode.NotFound, "workspace not found");
        await (await app.Client().GetAsync(Route("not-a-uuid"))).ShouldFailWith(HttpStatusCode.InternalServerError, "lookup failed");
    }

    [Fact]
    public async Task A_removed_workspace_still_gets_a_token_that_never_validates()
    {
        await using var app = await MoleculeApp.StartAsync(new Dictionary<string, string?>());
        var removed = await app.InsertWorkspaceAsync(status: "removed");

        var token = (await (await app.Client().GetAsync(Route(removed))).ShouldSucceedWith(HttpStatusCode.OK))["auth_token"]!.GetValue<string>();

        await (await app.Client(token).GetAsync($"/workspaces/{removed}/tokens")).ShouldFailWith(HttpStatusCode.Unauthorized, "invalid workspace auth token");
    }
}
