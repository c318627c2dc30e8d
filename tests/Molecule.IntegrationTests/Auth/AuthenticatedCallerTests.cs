using System.Net;
using Molecule.Testing;

namespace Molecule.IntegrationTests.Auth;

/// <summary>What the middleware tells handlers about the caller (Kernel <c>AuthenticatedCaller</c>).</summary>
public sealed class AuthenticatedCallerTests
{
    [Fact]
    public async Task Org_token_caller_carries_token_id_prefix_and_org_id()
    {
        await using var app = await MoleculeApp.StartAsync(new Dictionary<string, string?> { ["ADMIN_TOKEN"] = "admin-secret" });
        await using var probes = app.WithProbes();
        var org = await app.InsertWorkspaceAsync(name: "org-root");
        var (tokenId, token) = await app.InsertOrgTokenAsync(orgId: org);

        foreach (var route in new[] { "/probe/admin", $"/probe/workspaces/{org}" })
        {
            var caller = await (await probes.Client(token).GetAsync(route)).ShouldSucceedWith(HttpStatusCode.OK);

            caller["credential"]!.GetValue<string>().ShouldBe("OrgToken");
            caller["token_id"]!.GetValue<string>().ShouldBe(tokenId.ToString());
            caller["token_prefix"]!.GetValue<string>().ShouldBe(token[..8]);
            caller["org_id"]!.GetValue<string>().ShouldBe(org.ToString());
        }
    }

    [Fact]
    public async Task Admin_and_workspace_token_callers_are_told_apart()
    {
        await using var app = await MoleculeApp.StartAsync(new Dictionary<string, string?> { ["ADMIN_TOKEN"] = "admin-secret" });
        await using var probes = app.WithProbes();
        var workspace = await app.InsertWorkspaceAsync();
        var token = await app.IssueWorkspaceTokenAsync(workspace);

        var admin = await (await probes.Client("admin-secret").GetAsync("/probe/admin")).ShouldSucceedWith(HttpStatusCode.OK);
        var agent = await (await probes.Client(token).GetAsync($"/probe/workspaces/{workspace}")).ShouldSucceedWith(HttpStatusCode.OK);

        admin["credential"]!.GetValue<string>().ShouldBe("AdminToken");
        agent["credential"]!.GetValue<string>().ShouldBe("WorkspaceToken");
        agent["workspace_id"]!.GetValue<string>().ShouldBe(workspace.ToString());
        agent["token_prefix"]!.GetValue<string>().ShouldBe(token[..8]);
    }

    [Fact]
    public async Task Requests_that_pass_without_a_credential_have_no_caller()
    {
        await using var app = await MoleculeApp.StartAsync(new Dictionary<string, string?>());
        await using var probes = app.WithProbes();
        var (_, orgToken) = await app.InsertOrgTokenAsync();

        // Fail-open passes before the bearer is looked at, as in the reference.
        var caller = await (await probes.Client(orgToken).GetAsync("/probe/admin")).ShouldSucceedWith(HttpStatusCode.OK);
        caller["credential"].ShouldBeNull();

        var open = await (await probes.Client(orgToken).GetAsync("/probe/open")).ShouldSucceedWith(HttpStatusCode.OK);
        open["credential"].ShouldBeNull();
    }
}
