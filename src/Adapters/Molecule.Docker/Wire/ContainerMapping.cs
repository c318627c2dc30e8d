using Molecule.Docker.Streams;

namespace Molecule.Docker.Wire;

/// <summary>Turns the engine's container JSON into the public records.</summary>
internal static class ContainerMapping
{
    public static DockerContainer FromWire(ContainerInspectWire wire)
    {
        var state = wire.State ?? new ContainerStateWire();
        var ports = wire.NetworkSettings?.Ports ?? [];
        return new DockerContainer(
            wire.Id ?? "",
            TrimSlash(wire.Name ?? ""),
            wire.Image ?? "",
            wire.Config?.Image,
            DockerTime.Parse(wire.Created),
            wire.Config?.Tty ?? false,
            wire.Config?.Labels ?? [],
            new DockerContainerState(
                state.Status ?? "",
                state.Running,
                state.Paused,
                state.Restarting,
                state.OomKilled,
                state.Dead,
                state.Pid,
                state.ExitCode,
                string.IsNullOrEmpty(state.Error) ? null : state.Error,
                DockerTime.Parse(state.StartedAt),
                DockerTime.Parse(state.FinishedAt),
                state.Health?.Status),
            wire.HostConfig?.NetworkMode,
            [.. ports.SelectMany(port => (port.Value ?? []).Select(b => new DockerPortBinding(port.Key, b.HostIp, b.HostPort)))],
            (wire.NetworkSettings?.Networks ?? []).ToDictionary(n => n.Key, n => n.Value.IPAddress ?? ""),
            [.. (wire.Mounts ?? []).Select(m => new DockerMountPoint(m.Type ?? "", m.Name, m.Source, m.Destination ?? "", m.ReadWrite))]);
    }

    public static DockerContainerSummary FromWire(ContainerSummaryWire wire) =>
        new(
            wire.Id ?? "",
            [.. (wire.Names ?? []).Select(TrimSlash)],
            wire.Image,
            wire.ImageID,
            DateTimeOffset.FromUnixTimeSeconds(wire.Created),
            wire.State ?? "",
            wire.Status,
            wire.Labels ?? []);

    /// <summary>The engine names containers <c>/name</c>; callers know them as <c>name</c>.</summary>
    private static string TrimSlash(string name) => name.StartsWith('/') ? name[1..] : name;
}
