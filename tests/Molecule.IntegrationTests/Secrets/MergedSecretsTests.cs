using System.Net;
using System.Text.Json.Nodes;
using Molecule.Testing;

namespace Molecule.IntegrationTests.Secrets;

/// <summary>How workspace and global secrets combine, in the list and in the values bundle.</summary>
public sealed class MergedSecretsTests(PlaintextSecretsFixture fixture) : IClassFixture<PlaintextSecretsFixture>
{
    private readonly SecretsApp _app = fixture.App;
    private readonly HttpClient _admin = fixture.App.Client(SecretsTest.AdminToken);

    [Fact]
    public async Task List_is_workspace_keys_sorted_then_globals_it_does_not_override_sorted()
    {
        var workspaceId = await _app.CreateWorkspaceAsync();
        await _admin.SetSecretAsync(workspaceId, "LIST_B", "w");
        await _admin.SetSecretAsync(workspaceId, "LIST_A", "w");
        await _admin.SetGlobalAsync("LIST_C", "g");
        await _admin.SetGlobalAsync("LIST_A", "g");
        await _admin.SetGlobalAsync("LIST_0", "g");

        var response = await _admin.GetAsync($"/workspaces/{workspaceId}/secrets");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var entries = (await response.BodyAsync()).AsArray()
            .Select(item => (Key: item!["key"]!.GetValue<string>(), Scope: item["scope"]!.GetValue<string>()))
            .Where(entry => entry.Key.StartsWith("LIST_", StringComparison.Ordinal))
            .ToList();
        entries.ShouldBe([("LIST_A", "workspace"), ("LIST_B", "workspace"), ("LIST_0", "global"), ("LIST_C", "global")]);
    }

    [Fact]
    public async Task Values_are_globals_overridden_by_workspace_values()
    {
        var workspaceId = await _app.CreateWorkspaceAsync();
        await _admin.SetGlobalAsync("VALUES_SHARED", "from-global");
        await _admin.SetGlobalAsync("VALUES_ONLY_GLOBAL", "global-only");
        await _admin.SetSecretAsync(workspaceId, "VALUES_SHARED", "from-workspace");
        await _admin.SetSecretAsync(workspaceId, "VALUES_ONLY_WORKSPACE", "workspace-only");

        var response = await _admin.GetAsync($"/workspaces/{workspaceId}/secrets/values");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.CacheControl!.NoStore.ShouldBeTrue();
        var values = (await response.BodyAsync()).AsObject();
        values["VALUES_SHARED"]!.GetValue<string>().ShouldBe("from-workspace");
        values["VALUES_ONLY_GLOBAL"]!.GetValue<string>().ShouldBe("global-only");
        values["VALUES_ONLY_WORKSPACE"]!.GetValue<string>().ShouldBe("workspace-only");
        values.ShouldAllBe(property => property.Value!.GetValueKind() == System.Text.Json.JsonValueKind.String);
    }

    [Fact]
    public async Task Values_of_another_workspace_do_not_leak_in()
    {
        var workspaceId = await _app.CreateWorkspaceAsync();
        var otherId = await _app.CreateWorkspaceAsync();
        await _admin.SetSecretAsync(otherId, "OTHER_ONLY", "not-yours");

        var values = (await (await _admin.GetAsync($"/workspaces/{workspaceId}/secrets/values")).BodyAsync()).AsObject();

        values.ContainsKey("OTHER_ONLY").ShouldBeFalse();
    }

    [Fact]
    public async Task Second_gate_rejects_the_admin_token_once_the_workspace_has_a_live_token()
    {
        var workspaceId = await _app.CreateWorkspaceAsync();
        await _admin.SetSecretAsync(workspaceId, "GATED", "gated-value");
        var ownToken = await _app.IssueTokenAsync(workspaceId);

        var asAdmin = await _admin.GetAsync($"/workspaces/{workspaceId}/secrets/values");
        var asOwner = await _app.Client(ownToken).GetAsync($"/workspaces/{workspaceId}/secrets/values");

        asAdmin.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await asAdmin.Content.ReadAsStringAsync()).ShouldNotContain("gated-value");
        asOwner.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await asOwner.BodyAsync())["GATED"]!.GetValue<string>().ShouldBe("gated-value");
    }

    [Fact]
    public async Task Second_gate_lets_the_admin_token_through_while_the_workspace_has_no_token()
    {
        var workspaceId = await _app.CreateWorkspaceAsync();
        await _admin.SetSecretAsync(workspaceId, "UNGATED", "ungated-value");

        var response = await _admin.GetAsync($"/workspaces/{workspaceId}/secrets/values");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.BodyAsync())["UNGATED"]!.GetValue<string>().ShouldBe("ungated-value");
    }

    [Fact]
    public async Task Values_keys_are_written_in_ordinal_order()
    {
        var workspaceId = await _app.CreateWorkspaceAsync();
        await _admin.SetSecretAsync(workspaceId, "ORDER_b", "1");
        await _admin.SetSecretAsync(workspaceId, "ORDER_B", "2");
        await _admin.SetSecretAsync(workspaceId, "ORDER_A", "3");

        var values = (await (await _admin.GetAsync($"/workspaces/{workspaceId}/secrets/values")).BodyAsync()).AsObject();

        var keys = values.Select(property => property.Key).ToList();
        keys.ShouldBe(keys.Order(StringComparer.Ordinal).ToList());
    }
}
