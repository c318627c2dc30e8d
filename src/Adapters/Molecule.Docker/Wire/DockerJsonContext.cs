using System.Text.Json.Serialization;

namespace Molecule.Docker.Wire;

/// <summary>
/// The engine's JSON: PascalCase names as our property names, a few lower-case ones marked
/// explicitly; reads are case-insensitive because the engine is not consistent across versions.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNameCaseInsensitive = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(VersionWire))]
[JsonSerializable(typeof(ProgressLineWire))]
[JsonSerializable(typeof(RegistryAuthWire))]
[JsonSerializable(typeof(ImageInspectWire))]
[JsonSerializable(typeof(ContainerCreateWire))]
[JsonSerializable(typeof(ContainerCreatedWire))]
[JsonSerializable(typeof(ContainerInspectWire))]
[JsonSerializable(typeof(List<ContainerSummaryWire>))]
[JsonSerializable(typeof(ContainerWaitWire))]
[JsonSerializable(typeof(VolumeCreateWire))]
[JsonSerializable(typeof(VolumeWire))]
[JsonSerializable(typeof(VolumeListWire))]
[JsonSerializable(typeof(ExecCreateWire))]
[JsonSerializable(typeof(ExecCreatedWire))]
[JsonSerializable(typeof(ExecStartWire))]
[JsonSerializable(typeof(ExecInspectWire))]
[JsonSerializable(typeof(EventWire))]
[JsonSerializable(typeof(PathStatWire))]
[JsonSerializable(typeof(Dictionary<string, List<string>>))]
internal sealed partial class DockerJsonContext : JsonSerializerContext;
