using Molecule.Docker.Workspaces;

namespace Molecule.Provisioner.Docker;

/// <summary>
/// The binds of a workspace container and the named volumes they need (spec/backends.md §1.1, §1.3):
/// the config volume at <c>/configs</c>; <c>/workspace</c> from a host directory only when the row
/// grants read_only/read_write access to one, else a named volume; claude-code's sessions volume;
/// tier 1 keeps only the config volume and tier 4 adds the engine's socket.
/// </summary>
internal sealed record WorkspaceMounts(IReadOnlyList<string> Binds, IReadOnlyList<string> Volumes)
{
    public const string ConfigsPath = "/configs";
    public const string WorkspacePath = "/workspace";
    public const string SessionsPath = "/root/.claude/sessions";
    public const string DockerSocketPath = "/var/run/docker.sock";

    public const string ReadOnlyAccess = "read_only";
    public const string ReadWriteAccess = "read_write";

    public static WorkspaceMounts For(
        Guid workspaceId, string runtime, TierLimits tier, string? hostDirectory, string? access, string? engineSocketPath)
    {
        var configVolume = WorkspaceContainers.ConfigVolume(workspaceId);
        if (tier.Sandboxed)
        {
            return new([$"{configVolume}:{ConfigsPath}"], [configVolume]);
        }

        var binds = new List<string> { $"{configVolume}:{ConfigsPath}" };
        var volumes = new List<string> { configVolume };

        var directory = string.IsNullOrWhiteSpace(hostDirectory) ? null : hostDirectory.Trim();
        switch (directory is null ? null : access)
        {
            case ReadOnlyAccess:
                binds.Add($"{directory}:{WorkspacePath}:ro");
                break;
            case ReadWriteAccess:
                binds.Add($"{directory}:{WorkspacePath}");
                break;
            default:
                var workspaceVolume = WorkspaceContainers.WorkspaceVolume(workspaceId);
                binds.Add($"{workspaceVolume}:{WorkspacePath}");
                volumes.Add(workspaceVolume);
                break;
        }

        if (runtime == "claude-code")
        {
            var sessions = WorkspaceContainers.SessionsVolume(workspaceId);
            binds.Add($"{sessions}:{SessionsPath}");
            volumes.Add(sessions);
        }

        if (tier.MountsDockerSocket && engineSocketPath is not null)
        {
            binds.Add($"{engineSocketPath}:{DockerSocketPath}");
        }

        return new(binds, volumes);
    }
}
