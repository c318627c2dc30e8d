namespace Molecule.Docker.Workspaces;

/// <summary>
/// How a workspace's Docker resources are named and labelled, as the reference names them
/// (spec/backends.md §1.1), in one place for the provisioner, files, plugins and terminal.
/// </summary>
public static class WorkspaceContainers
{
    /// <summary>Put on every container and volume we create; the reconcile loop only touches these.</summary>
    public const string ManagedLabel = "molecule.platform.managed";

    /// <summary>The workspace a container or volume belongs to.</summary>
    public const string WorkspaceLabel = "molecule.workspace.id";

    /// <summary>The port the agent serves A2A on inside the container.</summary>
    public const int AgentPort = 8000;

    /// <summary><c>ws-</c> plus the first 12 characters of the id (hyphen kept): <c>ws-1a2b3c4d-5e6</c>.</summary>
    public static string ContainerName(Guid workspaceId) => "ws-" + Short(workspaceId);

    /// <summary>Names a container may have, most likely first: ours, then the full-id form older setups used.</summary>
    public static IReadOnlyList<string> ContainerNameCandidates(Guid workspaceId) =>
        [ContainerName(workspaceId), "ws-" + workspaceId.ToString("D")];

    /// <summary>Mounted read-write at <c>/configs</c>.</summary>
    public static string ConfigVolume(Guid workspaceId) => $"ws-{Short(workspaceId)}-configs";

    /// <summary>Mounted at <c>/workspace</c> when no host directory is given (full id, as the reference).</summary>
    public static string WorkspaceVolume(Guid workspaceId) => $"ws-{workspaceId:D}-workspace";

    /// <summary>claude-code keeps its sessions here, at <c>/root/.claude/sessions</c>.</summary>
    public static string SessionsVolume(Guid workspaceId) => $"ws-{Short(workspaceId)}-claude-sessions";

    /// <summary>The container's name on a Docker network.</summary>
    public static string InternalUrl(Guid workspaceId) => $"http://{ContainerName(workspaceId)}:{AgentPort}";

    /// <summary>Labels for a resource of <paramref name="workspaceId"/>.</summary>
    public static IReadOnlyDictionary<string, string> Labels(Guid workspaceId) => new Dictionary<string, string>
    {
        [ManagedLabel] = "true",
        [WorkspaceLabel] = workspaceId.ToString("D"),
    };

    private static string Short(Guid workspaceId) => workspaceId.ToString("D")[..12];
}
