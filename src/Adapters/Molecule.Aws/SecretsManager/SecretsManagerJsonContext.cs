using System.Text.Json.Serialization;
using Molecule.Aws.Json;
using Molecule.Aws.SecretsManager.Model;

namespace Molecule.Aws.SecretsManager;

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, Converters = [typeof(EpochSecondsConverter)])]
[JsonSerializable(typeof(CreateSecretRequest))]
[JsonSerializable(typeof(CreateSecretResponse))]
[JsonSerializable(typeof(PutSecretValueRequest))]
[JsonSerializable(typeof(PutSecretValueResponse))]
[JsonSerializable(typeof(GetSecretValueRequest))]
[JsonSerializable(typeof(GetSecretValueResponse))]
[JsonSerializable(typeof(DescribeSecretRequest))]
[JsonSerializable(typeof(DescribeSecretResponse))]
[JsonSerializable(typeof(DeleteSecretRequest))]
[JsonSerializable(typeof(DeleteSecretResponse))]
[JsonSerializable(typeof(ListSecretsRequest))]
[JsonSerializable(typeof(ListSecretsResponse))]
internal sealed partial class SecretsManagerJsonContext : JsonSerializerContext;
