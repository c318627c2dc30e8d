using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Molecule.Kernel.Auth;
using Molecule.Testing;

namespace Molecule.IntegrationTests.Secrets;

/// <summary>Who may call the secrets routes (ADMIN_TOKEN set, so nothing fails open).</summary>
public sealed class SecretsAuthTests(PlaintextSecretsFixture fixture) : IClassFixture<PlaintextSecretsFixture>
{
    private static readonly (string Method, string Path)[] GlobalRoutes =
    [
        ("GET", "/settings/secrets"),
        ("PUT", "/settings/secrets"),
        ("POST", "/settings/secrets"),
        ("DELETE", "/settings/secrets/K"),
        ("GET", "/admin/secrets"),
        ("POST", "/admin/secrets"),
        ("DELETE", "/admin/secrets/K"),
    ];

    private static readonly (string Method, string Suffix)[] WorkspaceRoutes =
    [
        ("GET", "/secrets"),
        ("GET", "/secrets/values"),
        ("POST", "/secrets"),
        ("PUT", "/secrets"),
        ("DELETE", "/secrets/K"),
        ("GET", "/model"),
        ("PUT", "/model"),
    ];

    private readonly SecretsApp _app = fixture.App;

    [Fact]
    public void Every_secrets_route_carries_exactly_one_auth_decision()
    {
        var endpoints = _app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(endpoint => endpoint.RoutePattern.RawText is { } pattern && (pattern.Contains("secrets") || pattern.EndsWith("/model", StringComparison.Ordinal)))
            .ToList();

        foreach (var (method, path) in GlobalRoutes)
        {
            PolicyOf(endpoints, method, path.Replace("/K", "/{key}")).ShouldBe(AuthPolicy.Admin, $"{method} {path}");
        }

        foreach (var (method, suffix) in WorkspaceRoutes)
        {
            PolicyOf(endpoints, method, "/workspaces/{id}" + suffix.Replace("/K", "/{key}")).ShouldBe(AuthPolicy.Workspace, $"{method} {suffix}");
        }
    }

    [Fact]
    public async Task Global_routes_refuse_a_missing_or_wrong_bearer()
    {
        foreach (var (method, path) in GlobalRoutes)
        {
            foreach (var bearer in new[] { null, "wrong-token" })
            {
                var response = await _app.Client(bearer).SendAsync(Request(method, path));

                response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized, $"{method} {path} with bearer {bearer ?? "(none)"}");
            }
        }
    }

    [Fact]
    public async Task Global_routes_refuse_a_workspace_token_when_ADMIN_TOKEN_is_set()
    {
        var workspaceId = await _app.CreateWorkspaceAsync();
        var token = await _app.IssueTokenAsync(workspaceId);

        var response = await _app.Client(token).GetAsync("/settings/secrets");

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Workspace_routes_refuse_another_workspaces_token()
    {
        var workspaceId = await _app.CreateWorkspaceAsync();
        var otherId = await _app.CreateWorkspaceAsync();
        var otherToken = await _app.IssueTokenAsync(otherId);

        foreach (var (method, suffix) in WorkspaceRoutes)
        {
            var response = await _app.Client(otherToken).SendAsync(Request(method, $"/workspaces/{workspaceId}{suffix}"));

            response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized, $"{method} {suffix}");
            (await response.ErrorAsync()).ShouldBe("invalid workspace auth token");
        }
    }

    [Fact]
    public async Task Workspace_routes_accept_the_workspaces_own_token()
    {
        var workspaceId = await _app.CreateWorkspaceAsync();
        var token = await _app.IssueTokenAsync(workspaceId);
        var client = _app.Client(token);

        (await client.SetSecretAsync(workspaceId, "OWN", "own-value")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetAsync($"/workspaces/{workspaceId}/secrets")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetAsync($"/workspaces/{workspaceId}/secrets/values")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.DeleteAsync($"/workspaces/{workspaceId}/secrets/OWN")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Values_without_a_bearer_are_refused_once_the_workspace_has_a_token()
    {
        var workspaceId = await _app.CreateWorkspaceAsync();
        await _app.IssueTokenAsync(workspaceId);

        var response = await _app.Client().GetAsync($"/workspaces/{workspaceId}/secrets/values");

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await response.ErrorAsync()).ShouldBe("missing workspace auth token");
    }

    private static HttpRequestMessage Request(string method, string path) =>
        new(new HttpMethod(method), path)
        {
            Content = method is "POST" or "PUT" ? SecretsTest.Json("""{"key":"K","value":"v","model":"m"}""") : null,
        };

    private static AuthPolicy PolicyOf(IReadOnlyList<RouteEndpoint> endpoints, string method, string pattern)
    {
        var matches = endpoints
            .Where(endpoint => endpoint.RoutePattern.RawText == pattern
                && (endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.Contains(method) ?? false))
            .ToList();
        matches.Count.ShouldBe(1, $"one endpoint for {method} {pattern}");
        var decisions = matches[0].Metadata.GetOrderedMetadata<RouteAuth>();
        decisions.Count.ShouldBe(1, $"one auth decision on {method} {pattern}");
        return decisions[0].Policy;
    }
}
