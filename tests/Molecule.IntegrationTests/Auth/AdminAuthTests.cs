using System.Net;
using Molecule.Testing;

namespace Molecule.IntegrationTests.Auth;

/// <summary>AdminAuth (spec §3.3) through the real admin route GET /org/tokens.</summary>
public sealed class AdminAuthTests
{
    private const string AdminRoute = "/org/tokens";

    [Fact]
    public async Task Fresh_install_without_admin_token_fails_open_even_for_a_bad_bearer()
    {
        await using var app = await MoleculeApp.StartAsync(new Dictionary<string, string?>());

        (await app.Client().GetAsync(AdminRoute)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await app.Client("not-a-token").GetAsync(AdminRoute)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Once_a_workspace_token_exists_a_bearer_is_required()
    {
        await using var app = await MoleculeApp.StartAsync(new Dictionary<string, string?>());
        var workspace = await app.InsertWorkspaceAsync();
        var token = await app.IssueWorkspaceTokenAsync(workspace);

        await (await app.Client().GetAsync(AdminRoute)).ShouldFailWith(HttpStatusCode.Unauthorized, "admin auth required");
        await (await app.Client("not-a-token").GetAsync(AdminRoute)).ShouldFailWith(HttpStatusCode.Unauthorized, "invalid admin auth token");

        // Step 8: with ADMIN_TOKEN unset, any workspace's token is an admin credential.
        (await app.Client(token).GetAsync(AdminRoute)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Revoking_every_workspace_token_returns_to_fail_open()
    {
        await using var app = await MoleculeApp.StartAsync(new Dictionary<string, string?>());
        await app.IssueWorkspaceTokenAsync(await app.InsertWorkspaceAsync());
        await (await app.Client().GetAsync(AdminRoute)).ShouldFailWith(HttpStatusCode.Unauthorized, "admin auth required");

        await app.ExecuteSqlAsync("UPDATE workspace_auth_tokens SET revoked_at = now()");

        (await app.Client().GetAsync(AdminRoute)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Token_of_a_removed_workspace_is_no_admin_credential()
    {
        await using var app = await MoleculeApp.StartAsync(new Dictionary<string, string?>());
        await app.IssueWorkspaceTokenAsync(await app.InsertWorkspaceAsync());
        var removed = await app.InsertWorkspaceAsync(status: "removed");
        var token = await app.IssueWorkspaceTokenAsync(removed);

        await (await app.Client(token).GetAsync(AdminRoute)).ShouldFailWith(HttpStatusCode.Unauthorized, "invalid admin auth token");
    }

    [Fact]
    public async Task With_admin_token_set_there_is_no_fail_open_and_only_it_or_an_org_token_passes()
    {
        await using var app = await MoleculeApp.StartAsync(new Dictionary<string, string?> { ["ADMIN_TOKEN"] = "admin-secret" });
        var workspaceToken = await app.IssueWorkspaceTokenAsync(await app.InsertWorkspaceAsync());
        var (_, orgToken) = await app.InsertOrgTokenAsync();

        await (await app.Client().GetAsync(AdminRoute)).ShouldFailWith(HttpStatusCode.Unauthorized, "admin auth required");
        await (await app.Client("admin-secreT").GetAsync(AdminRoute)).ShouldFailWith(HttpStatusCode.Unauthorized, "invalid admin auth token");
        await (await app.Client(workspaceToken).GetAsync(AdminRoute)).ShouldFailWith(HttpStatusCode.Unauthorized, "invalid admin auth token");
        (await app.Client("admin-secret").GetAsync(AdminRoute)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await app.Client(orgToken).GetAsync(AdminRoute)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Admin_token_without_any_workspace_token_still_requires_a_bearer()
    {
        await using var app = await MoleculeApp.StartAsync(new Dictionary<string, string?> { ["ADMIN_TOKEN"] = "admin-secret" });

        await (await app.Client().GetAsync(AdminRoute)).ShouldFailWith(HttpStatusCode.Unauthorized, "admin auth required");
    }

    [Fact]
    public async Task Org_token_passes_and_a_revoked_one_fails()
    {
        await using var app = await MoleculeApp.StartAsync(new Dictionary<string, string?>());
        await app.IssueWorkspaceTokenAsync(await app.InsertWorkspaceAsync());
        var (orgTokenId, orgToken) = await app.InsertOrgTokenAsync();

        (await app.Client(orgToken).GetAsync(AdminRoute)).StatusCode.ShouldBe(HttpStatusCode.OK);

        await app.ExecuteSqlAsync($"UPDATE org_api_tokens SET revoked_at = now() WHERE id = '{orgTokenId}'");

        await (await app.Client(orgToken).GetAsync(AdminRoute)).ShouldFailWith(HttpStatusCode.Unauthorized, "invalid admin auth token");
    }

    [Fact]
    public async Task Using_an_org_token_stamps_last_used_at()
    {
        await using var app = await MoleculeApp.StartAsync(new Dictionary<string, string?>());
        await app.IssueWorkspaceTokenAsync(await app.InsertWorkspaceAsync());
        var (orgTokenId, orgToken) = await app.InsertOrgTokenAsync();

        (await app.Client(orgToken).GetAsync(AdminRoute)).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await app.ScalarAsync<bool>($"SELECT last_used_at IS NOT NULL FROM org_api_tokens WHERE id = '{orgTokenId}'")).ShouldBeTrue();
    }

    [Fact]
    public async Task Dev_mode_passes_without_a_bearer_and_even_with_a_bad_one()
    {
        await using var app = await MoleculeApp.StartAsync(new Dictionary<string, string?> { ["MOLECULE_ENV"] = " Development " });
        await app.IssueWorkspaceTokenAsync(await app.InsertWorkspaceAsync());

        (await app.Client().GetAsync(AdminRoute)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await app.Client("not-a-token").GetAsync(AdminRoute)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Dev_environment_with_admin_token_is_not_dev_mode()
    {
        await using var app = await MoleculeApp.StartAsync(new Dictionary<string, string?>
        {
            ["MOLECULE_ENV"] = "development",
            ["ADMIN_TOKEN"] = "admin-secret",
        });

        await (await app.Client().GetAsync(AdminRoute)).ShouldFailWith(HttpStatusCode.Unauthorized, "admin auth required");
    }
}
