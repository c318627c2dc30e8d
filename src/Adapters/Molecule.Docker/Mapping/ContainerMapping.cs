using Docker.DotNet.Models;

namespace Molecule.Docker.Mapping;

/// <summary>Turns the library's container models into the public records.</summary>
internal static class ContainerMapping
{
    public static DockerContainer FromInspect(ContainerInspectResponse response)
    {
        var state = response.State ?? new State();
        var ports = response.NetworkSettings?.Ports ?? new Dictionary<string, IList<PortBinding>>();
        return new DockerContainer(
            response.ID,
            TrimSlash(response.Name),
            response.Image,
            NullIfEmpty(response.Config?.Image),
            DockerTime.FromLibrary(response.Created),
            response.Config?.Tty ?? false,
            Labels(response.Config?.Labels),
            new DockerContainerState(
                state.Status,
                state.Running,
                state.Paused,
                state.Restarting,
                state.OOMKilled,
                state.Dead,
                checked((int)state.Pid),
                checked((int)state.ExitCode),
                NullIfEmpty(state.Error),
                DockerTime.Parse(state.StartedAt),
                DockerTime.Parse(state.FinishedAt),
                NullIfEmpty(state.Health?.Status)),
            NullIfEmpty(response.HostConfig?.NetworkMode),
            [.. ports.SelectMany(port => (port.Value ?? []).Select(b => new DockerPortBinding(port.Key, b.HostIP, b.HostPort)))],
            (response.NetworkSettings?.Networks ?? new Dictionary<string, EndpointSettings>()).ToDictionary(n => n.Key, n => n.Value.IPAddress ?? ""),
            [.. (response.Mounts ?? []).Select(m => new DockerMountPoint(m.Type ?? "", m.Name, m.Source, m.Destination, m.RW))]);
    }

    public static DockerContainerSummary FromList(ContainerListResponse response) =>
        new(
            response.ID,
            [.. (response.Names ?? []).Select(TrimSlash)],
            NullIfEmpty(response.Image),
            NullIfEmpty(response.ImageID),
            new DateTimeOffset(DateTime.SpecifyKind(response.Created, DateTimeKind.Utc)),
            response.State,
            NullIfEmpty(response.Status),
            Labels(response.Labels));

    public static IReadOnlyDictionary<string, string> Labels(IDictionary<string, string>? labels) =>
        labels is null ? new Dictionary<string, string>() : new Dictionary<string, string>(labels);

    public static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    /// <summary>The engine names containers <c>/name</c>; callers know them as <c>name</c>.</summary>
    private static string TrimSlash(string name) => name.StartsWith('/') ? name[1..] : name;
}
