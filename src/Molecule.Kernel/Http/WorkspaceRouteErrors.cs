namespace Molecule.Kernel.Http;

/// <summary>
/// How a workspace route answers an id it cannot use. The reference words these per route, and the
/// existing clients and tests read the words, so a route that differs from the default says so with
/// <see cref="WorkspaceRouteExtensions.WithWorkspaceErrors{TBuilder}"/>.
/// </summary>
public sealed record WorkspaceRouteErrors(
    int InvalidIdStatus = 400,
    string InvalidId = WorkspaceRouteErrors.InvalidIdText,
    string NotFound = WorkspaceRouteErrors.NotFoundText,
    bool LowercaseIdOnly = false)
{
    public const string InvalidIdText = "invalid workspace ID";
    public const string NotFoundText = "workspace not found";

    /// <summary>400 <c>invalid workspace ID</c>, 404 <c>workspace not found</c>.</summary>
    public static readonly WorkspaceRouteErrors Default = new();

    /// <summary>Routes that answer a malformed id exactly like an unknown one: 404 <c>workspace not found</c>.</summary>
    public static readonly WorkspaceRouteErrors NotFoundForMalformedId = new(404, NotFoundText);

    /// <summary>The secrets routes' stricter id check: lowercase hyphenated UUIDs only.</summary>
    public static readonly WorkspaceRouteErrors LowercaseId = new(LowercaseIdOnly: true);

    /// <summary>The default 400, with the route's own 404 text.</summary>
    public static WorkspaceRouteErrors NotFoundAs(string notFound) => new(NotFound: notFound);

    internal bool TryParse(string? value, out Guid id) =>
        LowercaseIdOnly ? RouteIds.TryParseLowercase(value, out id) : RouteIds.TryParse(value, out id);
}
