namespace Molecule.Aws.SecretsManager.Model;

public sealed class GetSecretValueRequest
{
    public string? SecretId { get; set; }

    public string? VersionId { get; set; }

    /// <summary>Absent means <c>AWSCURRENT</c>.</summary>
    public string? VersionStage { get; set; }
}

public sealed class GetSecretValueResponse
{
    public string? ARN { get; set; }

    public string? Name { get; set; }

    public string? VersionId { get; set; }

    public string? SecretString { get; set; }

    public List<string>? VersionStages { get; set; }

    public DateTime? CreatedDate { get; set; }
}
