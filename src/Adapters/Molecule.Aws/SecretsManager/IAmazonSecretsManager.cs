using Molecule.Aws.SecretsManager.Model;

namespace Molecule.Aws.SecretsManager;

/// <summary>
/// The Secrets Manager calls this server makes, named and shaped like AWSSDK.SecretsManager's
/// <c>IAmazonSecretsManager</c> so the official package can take its place by changing the
/// registration and the <c>using</c> lines. Errors are <see cref="Json.AwsJsonServiceException"/>
/// with AWS's code (<c>ResourceNotFoundException</c>, <c>ResourceExistsException</c>, …).
/// </summary>
public interface IAmazonSecretsManager
{
    /// <summary>Creates a secret. A missing <c>ClientRequestToken</c> is filled with a new one, kept across retries.</summary>
    Task<CreateSecretResponse> CreateSecretAsync(CreateSecretRequest request, CancellationToken cancellationToken = default);

    /// <summary>Stores a new current version. A missing <c>ClientRequestToken</c> is filled with a new one, kept across retries.</summary>
    Task<PutSecretValueResponse> PutSecretValueAsync(PutSecretValueRequest request, CancellationToken cancellationToken = default);

    Task<GetSecretValueResponse> GetSecretValueAsync(GetSecretValueRequest request, CancellationToken cancellationToken = default);

    Task<DescribeSecretResponse> DescribeSecretAsync(DescribeSecretRequest request, CancellationToken cancellationToken = default);

    Task<DeleteSecretResponse> DeleteSecretAsync(DeleteSecretRequest request, CancellationToken cancellationToken = default);

    /// <summary>One page of secrets (a reconciler filters by tag and follows <c>NextToken</c>).</summary>
    Task<ListSecretsResponse> ListSecretsAsync(ListSecretsRequest request, CancellationToken cancellationToken = default);
}
