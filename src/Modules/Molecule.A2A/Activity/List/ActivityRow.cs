namespace Molecule.A2A.Activity.List;

/// <summary>An <c>activity_logs</c> row as the list returns it; JSONB columns as text, NULL when unset.</summary>
internal sealed record ActivityRow(
    Guid Id,
    Guid WorkspaceId,
    string ActivityType,
    Guid? SourceId,
    Guid? TargetId,
    string? Method,
    string? Summary,
    string? RequestBody,
    string? ResponseBody,
    string? ToolTrace,
    int? DurationMs,
    string? Status,
    string? ErrorDetail,
    DateTime? CreatedAt);
