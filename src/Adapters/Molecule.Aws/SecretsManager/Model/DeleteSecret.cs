namespace Molecule.Aws.SecretsManager.Model;

public sealed class DeleteSecretRequest
{
    public string? SecretId { get; set; }

    /// <summary>Delete now, without a recovery window. Never together with <see cref="RecoveryWindowInDays"/>.</summary>
    public bool? ForceDeleteWithoutRecovery { get; set; }

    /// <summary>7–30 days; AWS's default is 30.</summary>
    public long? RecoveryWindowInDays { get; set; }
}

public sealed class DeleteSecretResponse
{
    public string? ARN { get; set; }

    public string? Name { get; set; }

    public DateTime? DeletionDate { get; set; }
}
