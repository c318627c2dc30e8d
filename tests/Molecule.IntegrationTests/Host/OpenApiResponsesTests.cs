using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Molecule.Testing;

namespace Molecule.IntegrationTests.Host;

/// <summary>The API description lists, for every route the server maps, the answers it can give.</summary>
public sealed class OpenApiResponsesTests : IClassFixture<MoleculeApp>
{
    private readonly MoleculeApp _app;

    public OpenApiResponsesTests(MoleculeApp app) => _app = app;

    [Fact]
    public async Task Every_described_route_lists_its_responses_with_the_status_codes_it_declares()
    {
        using var document = await LoadAsync();
        var paths = document.RootElement.GetProperty("paths");

        var problems = new List<string>();
        foreach (var (method, endpoint) in DescribedRoutes())
        {
            var path = OpenApiPath(endpoint.RoutePattern.RawText!);
            if (!paths.TryGetProperty(path, out var item) || !item.TryGetProperty(method.ToLowerInvariant(), out var operation))
            {
                problems.Add($"{method} {path}: missing from the document");
                continue;
            }

            var listed = operation.TryGetProperty("responses", out var responses)
                ? responses.EnumerateObject().Select(response => response.Name).ToHashSet(StringComparer.Ordinal)
                : [];
            var declared = endpoint.Metadata.OfType<IProducesResponseTypeMetadata>()
                .Select(response => response.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture))
                .ToHashSet(StringComparer.Ordinal);
            if (declared.Count == 0)
            {
                problems.Add($"{method} {path}: declares no responses");
            }

            foreach (var code in declared.Where(code => !listed.Contains(code)))
            {
                problems.Add($"{method} {path}: {code} declared but not listed");
            }
        }

        problems.ShouldBeEmpty();
    }

    [Fact]
    public void Route_templates_keep_the_references_shape_inside_groups()
    {
        var templates = DescribedRoutes().Select(route => route.Endpoint.RoutePattern.RawText!).ToList();

        templates.ShouldContain("/workspaces/{id}");
        templates.ShouldContain("/workspaces/{id}/pause");
        templates.ShouldAllBe(template => template == "/" || !template.EndsWith('/'));
    }

    [Fact]
    public async Task Get_workspace_lists_its_card_its_400_and_its_404()
    {
        using var document = await LoadAsync();

        var responses = document.RootElement.GetProperty("paths").GetProperty("/workspaces/{id}").GetProperty("get").GetProperty("responses");

        responses.EnumerateObject().Select(response => response.Name).ShouldBe(["200", "400", "404"], ignoreOrder: true);
    }

    [Fact]
    public void Every_described_route_has_a_unique_name()
    {
        var names = DescribedRoutes().Select(route => route.Endpoint).Distinct()
            .Select(endpoint => endpoint.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName).ToList();

        names.ShouldAllBe(name => !string.IsNullOrEmpty(name));
        names.Distinct(StringComparer.Ordinal).Count().ShouldBe(names.Count);
    }

    private async Task<JsonDocument> LoadAsync()
    {
        var response = await _app.Client().GetAsync("/openapi/v1.json");
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }

    private IEnumerable<(string Method, RouteEndpoint Endpoint)> DescribedRoutes() =>
        _app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(endpoint => endpoint.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>() is not { ExcludeFromDescription: true })
            .Where(endpoint => endpoint.RoutePattern.RawText != "/openapi/{documentName}.json")
            .SelectMany(endpoint => (endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []).Select(method => (method, endpoint)));

    /// <summary>The document writes catch-all parameters without their stars.</summary>
    private static string OpenApiPath(string pattern)
    {
        var path = pattern.Replace("{**", "{", StringComparison.Ordinal).Replace("{*", "{", StringComparison.Ordinal);
        return path.StartsWith('/') ? path : "/" + path;
    }
}
