using System.Net;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Molecule.Testing;

namespace Molecule.IntegrationTests.Host;

public sealed class NotBuiltRoutesTests(MoleculeApp app) : IClassFixture<MoleculeApp>
{
    [Theory]
    [InlineData("GET", "/templates", "templates")]
    [InlineData("POST", "/workspaces/6f1c2b9e-3d4a-4b5c-8d7e-1f2a3b4c5d6e/memories", "memories")]
    [InlineData("GET", "/workspaces/6f1c2b9e-3d4a-4b5c-8d7e-1f2a3b4c5d6e/schedules", "schedules")]
    [InlineData("PUT", "/canvas/viewport", "canvas viewport")]
    public async Task Reference_routes_not_built_yet_answer_501_naming_the_area(string method, string path, string area)
    {
        var response = await app.Client().SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        response.StatusCode.ShouldBe(HttpStatusCode.NotImplemented);
        (await response.Content.ReadAsStringAsync()).ShouldContain($"\"error\":\"{area} is not built in this Molecule server yet\"");
    }

    [Fact]
    public void No_method_and_route_is_mapped_twice()
    {
        // A module that builds a 501 route must remove it from NotBuiltRoutes; two endpoints for one
        // method and pattern would fail every request to it at run time.
        var duplicates = app.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"])
                .Select(method => $"{method} {e.RoutePattern.RawText}"))
            .GroupBy(route => route)
            .Where(group => group.Count() > 1)
            .Select(group => group.Key)
            .ToList();

        duplicates.ShouldBeEmpty();
    }
}
