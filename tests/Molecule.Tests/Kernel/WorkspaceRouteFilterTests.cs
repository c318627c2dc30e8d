using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Molecule.Kernel.Http;
using Molecule.Kernel.Workspaces;

namespace Molecule.Tests.Kernel;

public sealed class WorkspaceRouteFilterTests
{
    private readonly CountingDirectory _directory = new();

    [Theory]
    [InlineData("not-a-uuid")]
    [InlineData("")]
    [InlineData("00000000-0000-0000-0000-00000000000g")]
    public async Task A_malformed_id_answers_the_default_400_and_the_handler_never_runs(string id)
    {
        var (result, handled) = await InvokeAsync(nameof(Loads), id, null);

        var error = result.ShouldBeOfType<ApiError>();
        error.StatusCode.ShouldBe(StatusCodes.Status400BadRequest);
        error.Error.ShouldBe("invalid workspace ID");
        handled.ShouldBeNull();
        _directory.Lookups.ShouldBe(0);
    }

    [Fact]
    public async Task A_route_that_hides_malformed_ids_answers_them_like_unknown_ones()
    {
        var (result, _) = await InvokeAsync(nameof(Loads), "not-a-uuid", WorkspaceRouteErrors.NotFoundForMalformedId);

        var error = result.ShouldBeOfType<ApiError>();
        error.StatusCode.ShouldBe(StatusCodes.Status404NotFound);
        error.Error.ShouldBe("workspace not found");
    }

    [Fact]
    public async Task The_lowercase_rule_refuses_an_uppercase_id_that_the_default_rule_accepts()
    {
        var upper = Guid.NewGuid().ToString().ToUpperInvariant();

        var (strict, _) = await InvokeAsync(nameof(ParsesOnly), upper, WorkspaceRouteErrors.LowercaseId);
        var (lenient, handled) = await InvokeAsync(nameof(ParsesOnly), upper, null);

        strict.ShouldBeOfType<ApiError>().StatusCode.ShouldBe(StatusCodes.Status400BadRequest);
        lenient.ShouldBe("handled");
        handled.ShouldBeOfType<RouteWorkspaceId>().Value.ShouldBe(Guid.Parse(upper));
    }

    [Fact]
    public async Task An_unknown_workspace_answers_the_routes_own_404_text_after_one_lookup()
    {
        var (result, handled) = await InvokeAsync(nameof(Loads), Guid.NewGuid().ToString(), WorkspaceRouteErrors.NotFoundAs("workspace not found or already paused"));

        var error = result.ShouldBeOfType<ApiError>();
        error.StatusCode.ShouldBe(StatusCodes.Status404NotFound);
        error.Error.ShouldBe("workspace not found or already paused");
        handled.ShouldBeNull();
        _directory.Lookups.ShouldBe(1);
    }

    [Fact]
    public async Task A_route_that_only_parses_never_looks_the_workspace_up()
    {
        var id = Guid.NewGuid();

        var (result, handled) = await InvokeAsync(nameof(ParsesOnly), id.ToString(), null);

        result.ShouldBe("handled");
        handled.ShouldBeOfType<RouteWorkspaceId>().Value.ShouldBe(id);
        _directory.Lookups.ShouldBe(0);
    }

    [Fact]
    public void A_handler_that_asks_for_no_workspace_is_not_wrapped()
    {
        EndpointFilterDelegate next = _ => ValueTask.FromResult<object?>(null);

        WorkspaceRouteFilter.Create(FactoryContext(nameof(TakesNothing)), next).ShouldBeSameAs(next);
    }

    [Fact]
    public async Task An_unresolved_parameter_fails_loudly_instead_of_handing_out_an_empty_id()
    {
        var workspace = (await RouteWorkspace.BindAsync(new DefaultHttpContext()))!;
        var id = (await RouteWorkspaceId.BindAsync(new DefaultHttpContext()))!;

        Should.Throw<InvalidOperationException>(() => workspace.Row);
        Should.Throw<InvalidOperationException>(() => id.Value);
    }

    private async Task<(object? Result, object? Handled)> InvokeAsync(string handler, string id, WorkspaceRouteErrors? errors)
    {
        var http = new DefaultHttpContext
        {
            RequestServices = new ServiceCollection().AddSingleton<IWorkspaceDirectory>(_directory).BuildServiceProvider(),
        };
        http.Request.RouteValues[WorkspaceRouteFilter.RouteValue] = id;
        var metadata = errors is null ? new EndpointMetadataCollection() : new EndpointMetadataCollection(errors);
        http.SetEndpoint(new Endpoint(null, metadata, "test"));

        object? handled = null;
        EndpointFilterDelegate next = invocation =>
        {
            handled = invocation.Arguments[0];
            return ValueTask.FromResult<object?>("handled");
        };
        var filtered = WorkspaceRouteFilter.Create(FactoryContext(handler), next);
        var placeholder = handler == nameof(Loads)
            ? (object)(await RouteWorkspace.BindAsync(http))!
            : (await RouteWorkspaceId.BindAsync(http))!;
        var result = await filtered(EndpointFilterInvocationContext.Create(http, placeholder));
        return (result, handled);
    }

    private static EndpointFilterFactoryContext FactoryContext(string handler) => new()
    {
        MethodInfo = typeof(WorkspaceRouteFilterTests).GetMethod(handler, BindingFlags.NonPublic | BindingFlags.Static)!,
        ApplicationServices = new ServiceCollection().BuildServiceProvider(),
    };

    private static string Loads(RouteWorkspace workspace) => workspace.Id.ToString();

    private static string ParsesOnly(RouteWorkspaceId id) => id.Value.ToString();

    private static string TakesNothing() => "";

    private sealed class CountingDirectory : IWorkspaceDirectory
    {
        public int Lookups { get; private set; }

        public Task<WorkspaceRef?> FindAsync(Guid id, CancellationToken cancellationToken = default)
        {
            Lookups++;
            return Task.FromResult<WorkspaceRef?>(null);
        }
    }
}
