using Molecule.Aws.Json;
using Molecule.Aws.SecretsManager.Model;

namespace Molecule.Aws.SecretsManager;

/// <summary>Secrets Manager over AWS JSON 1.1 (<c>X-Amz-Target: secretsmanager.&lt;Operation&gt;</c>).</summary>
internal sealed class SecretsManagerJsonClient(AwsJsonClient json) : IAmazonSecretsManager, IDisposable
{
    private static SecretsManagerJsonContext Types => SecretsManagerJsonContext.Default;

    public Task<CreateSecretResponse> CreateSecretAsync(CreateSecretRequest request, CancellationToken cancellationToken = default)
    {
        Require(request.Name, "Name");
        // Raw-HTTP callers must send the token themselves (the SDK does it for its users): it is what
        // makes a retried create land on the same version instead of failing as a duplicate.
        request.ClientRequestToken ??= NewClientRequestToken();
        return json.SendAsync("CreateSecret", request, Types.CreateSecretRequest, Types.CreateSecretResponse, cancellationToken);
    }

    public Task<PutSecretValueResponse> PutSecretValueAsync(PutSecretValueRequest request, CancellationToken cancellationToken = default)
    {
        Require(request.SecretId, "SecretId");
        request.ClientRequestToken ??= NewClientRequestToken();
        return json.SendAsync("PutSecretValue", request, Types.PutSecretValueRequest, Types.PutSecretValueResponse, cancellationToken);
    }

    public Task<GetSecretValueResponse> GetSecretValueAsync(GetSecretValueRequest request, CancellationToken cancellationToken = default)
    {
        Require(request.SecretId, "SecretId");
        return json.SendAsync("GetSecretValue", request, Types.GetSecretValueRequest, Types.GetSecretValueResponse, cancellationToken);
    }

    public Task<DescribeSecretResponse> DescribeSecretAsync(DescribeSecretRequest request, CancellationToken cancellationToken = default)
    {
        Require(request.SecretId, "SecretId");
        return json.SendAsync("DescribeSecret", request, Types.DescribeSecretRequest, Types.DescribeSecretResponse, cancellationToken);
    }

    public Task<DeleteSecretResponse> DeleteSecretAsync(DeleteSecretRequest request, CancellationToken cancellationToken = default)
    {
        Require(request.SecretId, "SecretId");
        if (request.ForceDeleteWithoutRecovery == true && request.RecoveryWindowInDays is not null)
        {
            throw new ArgumentException("ForceDeleteWithoutRecovery and RecoveryWindowInDays cannot be used together", nameof(request));
        }

        return json.SendAsync("DeleteSecret", request, Types.DeleteSecretRequest, Types.DeleteSecretResponse, cancellationToken);
    }

    public Task<ListSecretsResponse> ListSecretsAsync(ListSecretsRequest request, CancellationToken cancellationToken = default) =>
        json.SendAsync("ListSecrets", request, Types.ListSecretsRequest, Types.ListSecretsResponse, cancellationToken);

    public void Dispose() => json.Dispose();

    private static string NewClientRequestToken() => Guid.NewGuid().ToString("D");

    private static void Require(string? value, string member)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException($"{member} is required", member);
        }
    }
}
