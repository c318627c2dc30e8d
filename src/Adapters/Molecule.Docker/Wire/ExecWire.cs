using System.Text.Json.Serialization;

namespace Molecule.Docker.Wire;

internal sealed class ExecCreateWire
{
    public bool AttachStdin { get; set; }
    public bool AttachStdout { get; set; }
    public bool AttachStderr { get; set; }
    public bool Tty { get; set; }
    public required List<string> Cmd { get; set; }
    public List<string>? Env { get; set; }
    public string? User { get; set; }
    public string? WorkingDir { get; set; }
    public string? DetachKeys { get; set; }
    public int[]? ConsoleSize { get; set; }
}

internal sealed class ExecCreatedWire
{
    public string? Id { get; set; }
}

internal sealed class ExecStartWire
{
    public bool Detach { get; set; }
    public bool Tty { get; set; }
}

internal sealed class ExecInspectWire
{
    [JsonPropertyName("ID")]
    public string? Id { get; set; }

    public bool Running { get; set; }
    public int? ExitCode { get; set; }
    public int Pid { get; set; }

    [JsonPropertyName("ContainerID")]
    public string? ContainerId { get; set; }
}
