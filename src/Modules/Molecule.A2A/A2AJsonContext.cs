using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Molecule.A2A;

[JsonSerializable(typeof(JsonObject))]
[JsonSerializable(typeof(JsonNode))]
internal sealed partial class A2AJsonContext : JsonSerializerContext;
