namespace Molecule.Aws.SecretsManager.Model;

public sealed class PutSecretValueRequest
{
    /// <summary>The secret's name or ARN.</summary>
    public string? SecretId { get; set; }

    public string? SecretString { get; set; }

    public string? ClientRequestToken { get; set; }

    public List<string>? VersionStages { get; set; }
}

public sealed class PutSecretValueResponse
{
    public string? ARN { get; set; }

    public string? Name { get; set; }

    public string? VersionId { get; set; }

    public List<string>? VersionStages { get; set; }
}
