using System.Net;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Molecule.Kernel.Auth;
using Molecule.Testing;

namespace Molecule.IntegrationTests.Auth;

/// <summary>Every route must choose its auth; a route that does not is refused at runtime and here in CI.</summary>
public sealed class RouteDecisionTests : IClassFixture<MoleculeApp>
{
    private readonly MoleculeApp _app;

    public RouteDecisionTests(MoleculeApp app) => _app = app;

    [Fact]
    public void Every_endpoint_of_the_app_carries_exactly_one_auth_decision()
    {
        var endpoints = _app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();

        endpoints.ShouldNotBeEmpty();
        var undecided = endpoints
            .Where(e => e.Metadata.GetOrderedMetadata<RouteAuth>().Count != 1)
            .Select(e => $"{string.Join(",", e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [])} {e.RoutePattern.RawText}")
            .ToList();
        undecided.ShouldBeEmpty("routes without exactly one RequireAdminAuth/RequireWorkspaceAuth/RequireCanvasOrBearer/AllowOpen");
    }

    [Fact]
    public void Open_routes_say_why()
    {
        var endpoints = _app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();

        endpoints
            .Select(e => e.Metadata.GetMetadata<RouteAuth>())
            .Where(a => a?.Policy == AuthPolicy.Open)
            .ShouldAllBe(a => !string.IsNullOrWhiteSpace(a!.Reason));
    }

    [Fact]
    public async Task A_route_without_a_decision_is_refused_and_its_handler_never_runs()
    {
        await using var probes = _app.WithProbes();

        var response = await probes.Client("anything").GetAsync("/probe/undecided");

        await response.ShouldFailWith(HttpStatusCode.InternalServerError, "route has no auth decision");
    }

    [Fact]
    public async Task A_route_with_two_decisions_is_refused()
    {
        await using var probes = _app.WithProbes();

        await (await probes.Client().GetAsync("/probe/conflicting"))
            .ShouldFailWith(HttpStatusCode.InternalServerError, "route has conflicting auth decisions");
    }

    [Fact]
    public async Task Cors_preflights_reach_the_cors_middleware_but_the_real_request_is_checked()
    {
        await using var app = await MoleculeApp.StartAsync(new Dictionary<string, string?> { ["ADMIN_TOKEN"] = "admin-secret" });
        await using var probes = app.WithProbes();
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/probe/cors-admin");
        preflight.Headers.Add("Origin", AuthProbes.CorsOrigin);
        preflight.Headers.Add("Access-Control-Request-Method", "GET");
        preflight.Headers.Add("Access-Control-Request-Headers", "authorization,content-type");

        var answer = await probes.Client().SendAsync(preflight);

        answer.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        answer.Headers.GetValues("Access-Control-Allow-Origin").ShouldBe([AuthProbes.CorsOrigin]);
        await (await probes.Client().GetAsync("/probe/cors-admin")).ShouldFailWith(HttpStatusCode.Unauthorized, "admin auth required");
    }

    [Fact]
    public async Task Unknown_paths_are_not_the_middlewares_business()
    {
        (await _app.Client().GetAsync("/no/such/route")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
