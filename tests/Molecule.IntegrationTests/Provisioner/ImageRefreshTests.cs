using System.Net;
using System.Text.Json.Nodes;
using Molecule.Kernel.Runtimes;
using Microsoft.Extensions.DependencyInjection;
using Molecule.Testing;

namespace Molecule.IntegrationTests.Provisioner;

/// <summary>Nothing can be pulled here (no network): every pull lands in <c>failed</c>, quickly.</summary>
[Collection(DockerEngineFixture.Collection)]
public sealed class ImageRefreshTests(DockerEngineFixture docker)
{
    [Fact]
    public async Task Refreshing_one_runtime_reports_its_failed_pull_and_recreates_nothing()
    {
        await using var app = await ProvisionerDockerApp.StartAsync(docker);

        var (status, body) = await PostAsync(app.Admin(), "/admin/workspace-images/refresh?runtime=langgraph");

        status.ShouldBe(HttpStatusCode.OK);
        body.ToJsonString().ShouldBe("""{"pulled":[],"failed":["langgraph"],"recreated":[]}""");
    }

    [Fact]
    public async Task Refreshing_every_runtime_reports_each_one()
    {
        await using var app = await ProvisionerDockerApp.StartAsync(docker);
        var known = app.Services.GetRequiredService<IRuntimeCatalog>().RuntimesWithImages;

        var (status, body) = await PostAsync(app.Admin(), "/admin/workspace-images/refresh?recreate=false");

        status.ShouldBe(HttpStatusCode.OK);
        body["pulled"]!.AsArray().ShouldBeEmpty();
        body["failed"]!.AsArray().Select(node => node!.GetValue<string>()).ShouldBe(known);
        body["recreated"]!.AsArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task An_unknown_runtime_is_refused_listing_the_known_ones_and_the_route_needs_an_admin()
    {
        await using var app = await ProvisionerDockerApp.StartAsync(docker);

        var (status, body) = await PostAsync(app.Admin(), "/admin/workspace-images/refresh?runtime=cobol");
        status.ShouldBe(HttpStatusCode.BadRequest);
        body["error"]!.GetValue<string>().ShouldBe("unknown runtime: cobol");
        body["known_runtimes"]!.AsArray().Select(node => node!.GetValue<string>()).ShouldContain("langgraph");

        (await PostAsync(app.Admin(bearer: ""), "/admin/workspace-images/refresh")).Status.ShouldBe(HttpStatusCode.Unauthorized);
        (await PostAsync(app.Admin(bearer: "not-the-admin-token"), "/admin/workspace-images/refresh")).Status.ShouldBe(HttpStatusCode.Unauthorized);
    }

    private static async Task<(HttpStatusCode Status, JsonObject Body)> PostAsync(HttpClient client, string path)
    {
        using (client)
        {
            var response = await client.PostAsync(path, null);
            var text = await response.Content.ReadAsStringAsync();
            return (response.StatusCode, text.Length > 0 ? JsonNode.Parse(text)!.AsObject() : []);
        }
    }
}
