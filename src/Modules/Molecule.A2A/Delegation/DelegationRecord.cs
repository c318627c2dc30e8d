namespace Molecule.A2A.Delegation;

/// <summary>A delegation row as the idempotency check sees it.</summary>
internal sealed record DelegationRecord(Guid RowId, string DelegationId, string Status, Guid? TargetId);

/// <summary>A delegation row as <c>GET /delegations</c> lists it (NULL text columns already read as "").</summary>
internal sealed record DelegationListRow(
    Guid Id,
    string Type,
    string SourceId,
    string TargetId,
    string Summary,
    string Status,
    DateTime? CreatedAt,
    string DelegationId,
    string Error,
    string ResponsePreview);
