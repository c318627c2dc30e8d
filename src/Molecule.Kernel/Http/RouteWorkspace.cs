using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Molecule.Kernel.Workspaces;

namespace Molecule.Kernel.Http;

/// <summary>
/// The workspace a <c>{id}</c> route names, loaded once by <see cref="WorkspaceRouteFilter"/> before the
/// handler runs. A handler that takes this parameter never sees a malformed or unknown id: the filter
/// has already answered the route's 400/404.
/// </summary>
public sealed class RouteWorkspace : IEndpointParameterMetadataProvider
{
    private static readonly RouteWorkspace Unresolved = new(Guid.Empty, null);

    private readonly WorkspaceRef? _row;

    internal RouteWorkspace(Guid id, WorkspaceRef? row)
    {
        Id = id;
        _row = row;
    }

    public Guid Id { get; }

    /// <summary>The row (removed rows included, as <see cref="IWorkspaceDirectory"/> finds them).</summary>
    public WorkspaceRef Row => _row ?? throw new InvalidOperationException(
        "the route has no WorkspaceRouteFilter; map it in a workspace route group");

    /// <summary>A placeholder the filter replaces: binding runs before filters, and this type binds nothing itself.</summary>
    public static ValueTask<RouteWorkspace?> BindAsync(HttpContext context) => ValueTask.FromResult<RouteWorkspace?>(Unresolved);

    public static void PopulateMetadata(ParameterInfo parameter, Microsoft.AspNetCore.Builder.EndpointBuilder builder) =>
        WorkspaceRouteFilter.DescribeAnswers(builder, loads: true);
}

/// <summary>
/// The parsed <c>{id}</c> of a route that needs only the id (it checks existence its own way, or its
/// caller gate must run before anything is looked up).
/// </summary>
public sealed class RouteWorkspaceId : IEndpointParameterMetadataProvider
{
    private static readonly RouteWorkspaceId Unresolved = new(Guid.Empty, resolved: false);

    private readonly Guid _id;
    private readonly bool _resolved;

    internal RouteWorkspaceId(Guid id, bool resolved = true)
    {
        _id = id;
        _resolved = resolved;
    }

    public Guid Value => _resolved ? _id : throw new InvalidOperationException(
        "the route has no WorkspaceRouteFilter; map it in a workspace route group");

    /// <summary>A placeholder the filter replaces: binding runs before filters.</summary>
    public static ValueTask<RouteWorkspaceId?> BindAsync(HttpContext context) => ValueTask.FromResult<RouteWorkspaceId?>(Unresolved);

    public static void PopulateMetadata(ParameterInfo parameter, Microsoft.AspNetCore.Builder.EndpointBuilder builder) =>
        WorkspaceRouteFilter.DescribeAnswers(builder, loads: false);
}
