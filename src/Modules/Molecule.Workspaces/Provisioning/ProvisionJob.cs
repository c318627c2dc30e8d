namespace Molecule.Workspaces.Provisioning;

/// <summary>
/// A request to start a workspace's compute. <paramref name="TemplatePath"/> is an absolute template
/// directory under CONFIGS_DIR, or null to reuse the existing config (or generate one on first start).
/// <paramref name="Environment"/> adds variables on top of the workspace's secrets (the agent role).
/// </summary>
internal sealed record ProvisionJob(
    Guid WorkspaceId,
    string? TemplatePath = null,
    bool ResetConfig = false,
    IReadOnlyDictionary<string, string>? Environment = null);
