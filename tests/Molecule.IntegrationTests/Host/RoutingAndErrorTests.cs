using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Molecule.Testing;

namespace Molecule.IntegrationTests.Host;

public sealed class RoutingAndErrorTests : IClassFixture<MoleculeApp>
{
    private readonly MoleculeApp _app;

    public RoutingAndErrorTests(MoleculeApp app) => _app = app;

    [Fact]
    public async Task Unknown_path_answers_gins_plain_text_404()
    {
        var response = await _app.Client().GetAsync("/definitely/not/a/route");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/plain");
        (await response.Content.ReadAsStringAsync()).ShouldBe("404 page not found");
    }

    [Fact]
    public async Task Wrong_method_on_a_known_path_answers_404_not_405()
    {
        var response = await _app.Client().DeleteAsync("/health");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync()).ShouldBe("404 page not found");
    }

    [Fact]
    public async Task OpenApi_document_is_served_as_json()
    {
        var response = await _app.Client().GetAsync("/openapi/v1.json");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        document.RootElement.GetProperty("openapi").GetString().ShouldNotBeNull();
        document.RootElement.GetProperty("paths").TryGetProperty("/health", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task An_unhandled_exception_answers_500_without_its_text()
    {
        using var failing = _app.WithWebHostBuilder(web => web.ConfigureTestServices(services =>
            services.AddSingleton<HealthCheckService, ExplodingHealthCheckService>()));

        var response = await failing.CreateClient().GetAsync("/health");

        response.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        var body = await response.Content.ReadAsStringAsync();
        JsonDocument.Parse(body).RootElement.GetProperty("error").GetString().ShouldBe("internal error");
        body.ShouldNotContain(ExplodingHealthCheckService.Secret);
        body.ShouldNotContain("   at ");
        response.Headers.Contains("X-Content-Type-Options").ShouldBeTrue();
    }

    private sealed class ExplodingHealthCheckService : HealthCheckService
    {
        public const string Secret = "connection string with password hunter2";

        public override Task<HealthReport> CheckHealthAsync(
            Func<HealthCheckRegistration, bool>? predicate, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException(Secret);
    }
}
