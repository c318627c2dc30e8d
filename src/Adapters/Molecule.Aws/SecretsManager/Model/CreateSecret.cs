namespace Molecule.Aws.SecretsManager.Model;

public sealed class CreateSecretRequest
{
    public string? Name { get; set; }

    public string? Description { get; set; }

    public string? KmsKeyId { get; set; }

    public string? SecretString { get; set; }

    public List<Tag>? Tags { get; set; }

    /// <summary>The idempotency token (32–64 characters) that becomes the first version's id.</summary>
    public string? ClientRequestToken { get; set; }
}

public sealed class CreateSecretResponse
{
    public string? ARN { get; set; }

    public string? Name { get; set; }

    public string? VersionId { get; set; }
}
