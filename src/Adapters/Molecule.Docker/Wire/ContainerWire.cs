using System.Text.Json.Serialization;

namespace Molecule.Docker.Wire;

internal sealed class ContainerInspectWire
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public string? Image { get; set; }
    public string? Created { get; set; }
    public ContainerConfigWire? Config { get; set; }
    public ContainerStateWire? State { get; set; }
    public HostConfigWire? HostConfig { get; set; }
    public NetworkSettingsWire? NetworkSettings { get; set; }
    public List<MountPointWire>? Mounts { get; set; }
}

internal sealed class ContainerConfigWire
{
    public string? Image { get; set; }
    public string? Hostname { get; set; }
    public bool Tty { get; set; }
    public Dictionary<string, string>? Labels { get; set; }
}

internal sealed class ContainerStateWire
{
    public string? Status { get; set; }
    public bool Running { get; set; }
    public bool Paused { get; set; }
    public bool Restarting { get; set; }

    [JsonPropertyName("OOMKilled")]
    public bool OomKilled { get; set; }

    public bool Dead { get; set; }
    public int Pid { get; set; }
    public int ExitCode { get; set; }
    public string? Error { get; set; }
    public string? StartedAt { get; set; }
    public string? FinishedAt { get; set; }
    public HealthWire? Health { get; set; }
}

internal sealed class HealthWire
{
    public string? Status { get; set; }
    public int FailingStreak { get; set; }
}

internal sealed class NetworkSettingsWire
{
    public Dictionary<string, List<PortBindingWire>?>? Ports { get; set; }
    public Dictionary<string, EndpointSettingsWire>? Networks { get; set; }
}

internal sealed class MountPointWire
{
    public string? Type { get; set; }
    public string? Name { get; set; }
    public string? Source { get; set; }
    public string? Destination { get; set; }

    [JsonPropertyName("RW")]
    public bool ReadWrite { get; set; }
}

internal sealed class ContainerSummaryWire
{
    public string? Id { get; set; }
    public List<string>? Names { get; set; }
    public string? Image { get; set; }
    public string? ImageID { get; set; }
    public long Created { get; set; }
    public string? State { get; set; }
    public string? Status { get; set; }
    public Dictionary<string, string>? Labels { get; set; }
}

internal sealed class ContainerWaitWire
{
    public long StatusCode { get; set; }
    public ErrorDetailWire? Error { get; set; }
}
