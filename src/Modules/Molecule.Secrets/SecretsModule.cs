using Amazon.KeyManagementService;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Molecule.Aws;
using Molecule.Kernel.Http;
using Molecule.Kernel.Secrets;
using Molecule.Secrets.Crypto;
using Molecule.Secrets.DeleteGlobalSecret;
using Molecule.Secrets.DeleteWorkspaceSecret;
using Molecule.Secrets.ListGlobalSecrets;
using Molecule.Secrets.ListWorkspaceSecrets;
using Molecule.Secrets.ReadSecretValues;
using Molecule.Secrets.ReEncryption;
using Molecule.Secrets.Reading;
using Molecule.Secrets.Restarts;
using Molecule.Secrets.SetGlobalSecret;
using Molecule.Secrets.SetWorkspaceSecret;
using Molecule.Secrets.Storage;
using Molecule.Secrets.WorkspaceModel;

namespace Molecule.Secrets;

/// <summary>
/// Workspace and global secrets: envelope encryption at rest, the secrets and model routes, the
/// decrypted environment for provisioners, and restarts when a workspace's environment changes.
/// Restarts go through the Kernel's IWorkspaceLifecycle, which the Workspaces module provides.
/// </summary>
public static class SecretsModule
{
    public static IServiceCollection AddSecrets(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SecretsOptions>().Bind(configuration).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SecretsOptions>, SecretsOptionsValidator>();
        // The KMS client is resolved only when KMS_KEY_ARN is set; AddAwsClients connects nothing until used.
        services.AddAwsClients(configuration);
        services.AddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<SecretsOptions>>().Value;
            var staticKey = EncryptionKey.TryParse(options.EncryptionKey, out var key) ? key : null;
            var kms = options.HasKmsKey
                ? new KmsEnvelopeCipher(provider.GetRequiredService<IAmazonKeyManagementService>(), options.KmsKeyArn!.Trim())
                : null;
            return SecretEnvelope.Create(staticKey, kms);
        });
        services.AddHostedService<EncryptionModeNotice>();
        services.AddSingleton<SecretReEncryptor>();

        services.AddSingleton<WorkspaceSecretsTable>();
        services.AddSingleton<WorkspaceSecretSaver>();
        services.AddSingleton<GlobalSecretsTable>();
        services.AddSingleton<ISecretReader, SecretReader>();
        services.AddSingleton<IWorkspaceSecretWriter, TransactionalSecretWriter>();
        services.AddSingleton<SecretRestarts>();
        return services;
    }

    public static IEndpointRouteBuilder MapSecrets(this IEndpointRouteBuilder endpoints)
    {
        var workspace = endpoints.MapWorkspaceGroup();
        ListWorkspaceSecretsEndpoint.Map(workspace);
        ReadSecretValuesEndpoint.Map(workspace);
        SetWorkspaceSecretEndpoint.Map(workspace);
        DeleteWorkspaceSecretEndpoint.Map(workspace);
        GetModelEndpoint.Map(workspace);
        SetModelEndpoint.Map(workspace);

        ListGlobalSecretsEndpoint.Map(endpoints);
        SetGlobalSecretEndpoint.Map(endpoints);
        DeleteGlobalSecretEndpoint.Map(endpoints);
        ReEncryptEndpoint.Map(endpoints);
        return endpoints;
    }
}
