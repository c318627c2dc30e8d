using System.Text.Json.Serialization;
using Molecule.Registry.Discovery;
using Molecule.Registry.Heartbeat;
using Molecule.Registry.Register;
using Molecule.Registry.UpdateCard;

namespace Molecule.Registry;

[JsonSerializable(typeof(RegisterRequest))]
[JsonSerializable(typeof(HeartbeatRequest))]
[JsonSerializable(typeof(UpdateCardRequest))]
[JsonSerializable(typeof(CheckAccessRequest))]
[JsonSerializable(typeof(List<PeerResponse>))]
[JsonSerializable(typeof(DiscoverResponse))]
internal sealed partial class RegistryJsonContext : JsonSerializerContext;
