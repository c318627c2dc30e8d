using System.Text.Json.Serialization;
using Molecule.Aws.InstanceConnect.Model;

namespace Molecule.Aws.InstanceConnect;

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SendSSHPublicKeyRequest))]
[JsonSerializable(typeof(SendSSHPublicKeyResponse))]
internal sealed partial class InstanceConnectJsonContext : JsonSerializerContext;
