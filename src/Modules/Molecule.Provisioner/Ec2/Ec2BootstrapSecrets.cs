using Microsoft.Extensions.Options;
using Molecule.Aws.SecretsManager;
using Molecule.Aws.SecretsManager.Model;
using Molecule.Kernel.Configuration;

namespace Molecule.Provisioner.Ec2;

/// <summary>The per-workspace bootstrap secret: created on the first start, a new version on every later one.</summary>
internal sealed class Ec2BootstrapSecrets(IAmazonSecretsManager secrets, IOptions<Ec2ProvisionerOptions> options, IOptions<PlatformOptions> platform)
{
    public string NameFor(Guid workspaceId) =>
        Ec2Names.BootstrapSecretName(workspaceId, platform.Value.MoleculeEnv, options.Value.BootstrapSecretPrefix);

    public async Task<string> WriteAsync(Guid workspaceId, string bundle, IReadOnlyList<KeyValuePair<string, string>> tags, CancellationToken cancellationToken)
    {
        var name = NameFor(workspaceId);
        try
        {
            await secrets.PutSecretValueAsync(new PutSecretValueRequest { SecretId = name, SecretString = bundle }, cancellationToken);
        }
        catch (Amazon.Runtime.AmazonServiceException exception) when (exception.ErrorCode == "ResourceNotFoundException")
        {
            await secrets.CreateSecretAsync(new CreateSecretRequest
            {
                Name = name,
                Description = $"Molecule workspace {workspaceId:D}: bootstrap bundle read by its instance at boot",
                SecretString = bundle,
                Tags = [.. tags.Select(t => new Tag { Key = t.Key, Value = t.Value })],
            }, cancellationToken);
        }

        return name;
    }

    /// <summary>Removes the secret at once (no recovery window: the workspace is gone); a missing one is success.</summary>
    public Task DeleteAsync(Guid workspaceId, CancellationToken cancellationToken) =>
        secrets.DeleteSecretAsync(new DeleteSecretRequest { SecretId = NameFor(workspaceId), ForceDeleteWithoutRecovery = true }, cancellationToken);
}
