namespace Molecule.Aws.SecretsManager.Model;

public sealed class DescribeSecretRequest
{
    public string? SecretId { get; set; }
}

public sealed class DescribeSecretResponse
{
    public string? ARN { get; set; }

    public string? Name { get; set; }

    public string? Description { get; set; }

    public string? KmsKeyId { get; set; }

    public List<Tag>? Tags { get; set; }

    public DateTime? CreatedDate { get; set; }

    public DateTime? LastChangedDate { get; set; }

    /// <summary>Set while the secret is scheduled for deletion.</summary>
    public DateTime? DeletedDate { get; set; }

    public Dictionary<string, List<string>>? VersionIdsToStages { get; set; }
}
