using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;
using Molecule.Testing.Aws;

namespace Molecule.IntegrationTests.Aws;

/// <summary>The SDK's KMS client, registered by AddAwsClients, against the fake KMS.</summary>
public sealed class KmsClientTests : IAsyncLifetime
{
    private AwsClientsHarness _aws = null!;

    public async Task InitializeAsync() => _aws = await AwsClientsHarness.StartAsync();

    public async Task DisposeAsync() => await _aws.DisposeAsync();

    [Fact]
    public async Task A_data_key_round_trips_with_its_encryption_context_and_is_refused_with_another()
    {
        var context = new Dictionary<string, string> { ["workspace_id"] = "ws-1", ["key"] = "OPENAI_API_KEY" };

        var dataKey = await _aws.Kms.GenerateDataKeyAsync(new GenerateDataKeyRequest
        {
            KeyId = _aws.Aws.Kms.DefaultKeyArn, KeySpec = DataKeySpec.AES_256, EncryptionContext = context,
        });
        var plaintext = dataKey.Plaintext.ToArray();
        plaintext.Length.ShouldBe(32);
        dataKey.KeyId.ShouldBe(_aws.Aws.Kms.DefaultKeyArn);

        var decrypted = await _aws.Kms.DecryptAsync(new DecryptRequest
        {
            CiphertextBlob = new MemoryStream(dataKey.CiphertextBlob.ToArray()), EncryptionContext = new(context),
        });
        decrypted.Plaintext.ToArray().ShouldBe(plaintext);
        decrypted.KeyId.ShouldBe(_aws.Aws.Kms.DefaultKeyArn);

        var otherContext = new Dictionary<string, string>(context) { ["workspace_id"] = "ws-2" };
        await Should.ThrowAsync<InvalidCiphertextException>(() => _aws.Kms.DecryptAsync(new DecryptRequest
        {
            CiphertextBlob = new MemoryStream(dataKey.CiphertextBlob.ToArray()), EncryptionContext = otherContext,
        }));
        await Should.ThrowAsync<InvalidCiphertextException>(() => _aws.Kms.DecryptAsync(new DecryptRequest
        {
            CiphertextBlob = new MemoryStream(dataKey.CiphertextBlob.ToArray()),
        }));
        _aws.Aws.Kms.DataKeysGenerated.ShouldBe(1);
    }

    [Fact]
    public async Task A_blob_of_another_key_named_explicitly_and_an_unknown_key_are_refused()
    {
        var other = _aws.Aws.Kms.CreateKey("other");
        var dataKey = await _aws.Kms.GenerateDataKeyAsync(new GenerateDataKeyRequest { KeyId = "alias/other", KeySpec = DataKeySpec.AES_128 });
        dataKey.KeyId.ShouldBe(other);
        dataKey.Plaintext.ToArray().Length.ShouldBe(16);

        await Should.ThrowAsync<IncorrectKeyException>(() => _aws.Kms.DecryptAsync(new DecryptRequest
        {
            CiphertextBlob = new MemoryStream(dataKey.CiphertextBlob.ToArray()), KeyId = _aws.Aws.Kms.DefaultKeyArn,
        }));
        await Should.ThrowAsync<NotFoundException>(() => _aws.Kms.GenerateDataKeyAsync(new GenerateDataKeyRequest
        {
            KeyId = "arn:aws:kms:us-east-1:123456789012:key/00000000-0000-0000-0000-000000000000", KeySpec = DataKeySpec.AES_256,
        }));
    }

    [Fact]
    public async Task Throttling_twice_is_retried_by_the_sdk()
    {
        _aws.Aws.Kms.Faults.FailNext("GenerateDataKey", "ThrottlingException", times: 2);

        var dataKey = await _aws.Kms.GenerateDataKeyAsync(new GenerateDataKeyRequest { KeyId = _aws.Aws.Kms.DefaultKeyArn, KeySpec = DataKeySpec.AES_256 });

        dataKey.Plaintext.Length.ShouldBe(32);
        _aws.Aws.Kms.Calls.Count(c => c == "GenerateDataKey").ShouldBe(3);
    }
}
