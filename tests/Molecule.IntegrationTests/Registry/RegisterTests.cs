using System.Net;
using System.Net.Http.Json;
using Dapper;
using Molecule.Testing;

namespace Molecule.IntegrationTests.Registry;

public sealed class RegisterTests : IClassFixture<MoleculeApp>
{
    private readonly MoleculeApp _app;

    public RegisterTests(MoleculeApp app) => _app = app;

    private static object Card => new { name = "agent", description = "test agent", version = "1.0" };

    [Fact]
    public async Task A_new_agent_registers_gets_its_first_token_and_is_online()
    {
        var id = Guid.NewGuid();

        var response = await _app.Client().PostJsonAsync("/registry/register", new { id, url = "http://8.8.8.8:8000", agent_card = Card });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await response.JsonAsync();
        body["status"]!.GetValue<string>().ShouldBe("registered");
        body["auth_token"]!.GetValue<string>().Length.ShouldBe(43);
        (await _app.StatusOfAsync(id)).ShouldBe("online");
        var online = (await _app.EventsForAsync(id)).ShouldHaveSingleItem();
        online.Type.ShouldBe("WORKSPACE_ONLINE");
        online.Payload.ShouldContain("\"url\": \"http://8.8.8.8:8000\"");
    }

    [Fact]
    public async Task Once_it_holds_a_token_a_re_register_needs_it_and_gets_no_new_one()
    {
        var id = Guid.NewGuid();
        var first = await (await _app.Client().PostJsonAsync("/registry/register", new { id, url = "http://8.8.8.8:8000", agent_card = Card })).JsonAsync();
        var token = first["auth_token"]!.GetValue<string>();

        var anonymous = await _app.Client().PostJsonAsync("/registry/register", new { id, url = "http://8.8.8.8:8000", agent_card = Card });
        var wrong = await _app.Client("not-the-token").PostJsonAsync("/registry/register", new { id, url = "http://8.8.8.8:8000", agent_card = Card });
        var right = await _app.Client(token).PostJsonAsync("/registry/register", new { id, url = "http://8.8.4.4:8000", agent_card = Card });

        anonymous.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await anonymous.JsonAsync())["error"]!.GetValue<string>().ShouldBe("missing workspace auth token");
        wrong.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await wrong.JsonAsync())["error"]!.GetValue<string>().ShouldBe("invalid workspace auth token");
        right.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await right.JsonAsync()).AsObject().ContainsKey("auth_token").ShouldBeFalse();
    }

    [Fact]
    public async Task A_polling_agent_registers_without_a_url_and_the_mode_is_echoed()
    {
        var id = Guid.NewGuid();

        var response = await _app.Client().PostJsonAsync("/registry/register", new { id, agent_card = Card, delivery_mode = "poll" });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.JsonAsync())["delivery_mode"]!.GetValue<string>().ShouldBe("poll");
    }

    [Theory]
    [InlineData("""{"id":"not-a-uuid","url":"http://8.8.8.8","agent_card":{}}""")]
    [InlineData("""{"url":"http://8.8.8.8","agent_card":{}}""")]
    [InlineData("""{"id":"6f1c2b9e-3d4a-4b5c-8d7e-1f2a3b4c5d6e","agent_card":{}}""")]
    [InlineData("""{"id":"6f1c2b9e-3d4a-4b5c-8d7e-1f2a3b4c5d6e","url":"http://8.8.8.8"}""")]
    [InlineData("""{"id":"6f1c2b9e-3d4a-4b5c-8d7e-1f2a3b4c5d6e","url":"http://169.254.169.254/latest","agent_card":{}}""")]
    [InlineData("""{"id":"6f1c2b9e-3d4a-4b5c-8d7e-1f2a3b4c5d6e","url":"http://10.0.0.5:8000","agent_card":{}}""")]
    [InlineData("""{"id":"6f1c2b9e-3d4a-4b5c-8d7e-1f2a3b4c5d6e","url":"ftp://8.8.8.8","agent_card":{}}""")]
    [InlineData("""{"id": 5}""")]
    [InlineData("""not json""")]
    public async Task Bad_bodies_and_unsafe_urls_are_refused_with_the_reference_text(string body)
    {
        var response = await _app.Client().PostAsync("/registry/register", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.JsonAsync())["error"]!.GetValue<string>().ShouldBe("invalid request body");
        await using var connection = await _app.Db.OpenConnectionAsync();
        (await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM workspaces WHERE id = '6f1c2b9e-3d4a-4b5c-8d7e-1f2a3b4c5d6e'")).ShouldBe(0);
    }

    [Fact]
    public async Task Localhost_urls_are_accepted_by_name_as_in_the_reference()
    {
        var response = await _app.Client().PostJsonAsync("/registry/register", new { id = Guid.NewGuid(), url = "http://localhost:9000", agent_card = Card });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_removed_workspace_is_never_revived()
    {
        var id = await _app.SeedWorkspaceAsync("gone", status: "removed");

        var response = await _app.Client().PostJsonAsync("/registry/register", new { id, url = "http://8.8.8.8:8000", agent_card = Card });

        response.StatusCode.ShouldBe(HttpStatusCode.Gone);
        (await _app.StatusOfAsync(id)).ShouldBe("removed");
        (await _app.EventsForAsync(id)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_url_on_127_0_0_1_set_by_the_provisioner_is_kept()
    {
        var id = await _app.SeedWorkspaceAsync("docker", status: "provisioning", url: "http://127.0.0.1:32001");

        await _app.Client().PostJsonAsync("/registry/register", new { id, url = "http://8.8.8.8:8000", agent_card = Card });

        await using var connection = await _app.Db.OpenConnectionAsync();
        (await connection.ExecuteScalarAsync<string>("SELECT url FROM workspaces WHERE id = @id", new { id })).ShouldBe("http://127.0.0.1:32001");
    }

    [Fact]
    public async Task Update_card_replaces_the_card_and_announces_it()
    {
        var id = await _app.SeedWorkspaceAsync("carded");

        var response = await _app.Client().PostAsJsonAsync("/registry/update-card", new { workspace_id = id, agent_card = new { name = "v2" } });
        var missing = await _app.Client().PostAsJsonAsync("/registry/update-card", new { workspace_id = id });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.JsonAsync())["status"]!.GetValue<string>().ShouldBe("updated");
        missing.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        await using var connection = await _app.Db.OpenConnectionAsync();
        (await connection.ExecuteScalarAsync<string>("SELECT agent_card->>'name' FROM workspaces WHERE id = @id", new { id })).ShouldBe("v2");
        (await _app.EventsForAsync(id)).ShouldContain(e => e.Type == "AGENT_CARD_UPDATED");
    }
}
