namespace Molecule.A2A.Delegation;

/// <summary>The reference's delegation events (spec §6); all are recorded and broadcast on the delegating workspace.</summary>
internal static class DelegationEvents
{
    public const string Sent = "DELEGATION_SENT";
    public const string Status = "DELEGATION_STATUS";
    public const string Complete = "DELEGATION_COMPLETE";
    public const string Failed = "DELEGATION_FAILED";

    public const int TaskPreviewBytes = 100;
    public const int ResponsePreviewBytes = 200;
}
