namespace Molecule.A2A.Activity.SessionSearch;

/// <summary>One search result: an activity row or a memory of the workspace.</summary>
internal sealed record SessionSearchHit(
    string Kind,
    Guid Id,
    Guid WorkspaceId,
    string Label,
    string Content,
    string Method,
    string Status,
    DateTime? CreatedAt,
    string? RequestBody,
    string? ResponseBody);
