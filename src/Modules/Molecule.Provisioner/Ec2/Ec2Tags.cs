namespace Molecule.Provisioner.Ec2;

/// <summary>
/// The seven tags on every workspace instance (and the group and secret it owns). <c>Environment</c>
/// keeps environments from touching each other's resources; <c>OrgID</c> lets an org deletion
/// cascade; <c>WorkspaceID</c> lets a reconciler adopt an instance whose id never reached the row.
/// </summary>
internal static class Ec2Tags
{
    public const string Name = "Name";
    public const string WorkspaceId = "WorkspaceID";
    public const string Runtime = "Runtime";
    public const string Role = "Role";
    public const string SecurityGroupId = "SGID";
    public const string OrgId = "OrgID";
    public const string Environment = "Environment";

    public const string WorkspaceRole = "workspace";

    /// <summary>The instance's tags, in the spec's order.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> ForInstance(
        Guid workspaceId, string runtime, string securityGroupId, string? orgId, string? environment) =>
    [
        new(Name, Ec2Names.InstanceName(workspaceId)),
        new(WorkspaceId, workspaceId.ToString("D")),
        new(Runtime, runtime),
        new(Role, WorkspaceRole),
        new(SecurityGroupId, securityGroupId),
        new(OrgId, orgId?.Trim() ?? ""),
        new(Environment, environment?.Trim() ?? ""),
    ];

    /// <summary>What the group and the secret carry: enough for a reconciler to match them to their workspace.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> ForOwnedResource(Guid workspaceId, string? orgId, string? environment) =>
    [
        new(Name, Ec2Names.InstanceName(workspaceId)),
        new(WorkspaceId, workspaceId.ToString("D")),
        new(Role, WorkspaceRole),
        new(OrgId, orgId?.Trim() ?? ""),
        new(Environment, environment?.Trim() ?? ""),
    ];
}
