namespace Molecule.Testing.Aws;

/// <summary>
/// The four fake AWS endpoints a test needs, sharing one <see cref="SigV4Verifier"/> that knows one
/// test key pair, and one clock for instance states and key expiry:
/// <code>
/// await using var aws = await FakeAws.StartAsync();
/// var config = new ConfigurationBuilder().AddInMemoryCollection(aws.Configuration).Build();
/// services.AddAwsClients(config);   // IAmazonEC2, IAmazonKeyManagementService, IAmazonSecretsManager, IAmazonEC2InstanceConnect
/// </code>
/// Signature checks use the real clock (the SDK signs with it) unless <c>signatureClock</c> says otherwise;
/// <c>worldClock</c> (e.g. a FakeTimeProvider) drives boot delays and the 60 s key lifetime.
/// </summary>
public sealed class FakeAws : IAsyncDisposable
{
    public const string AccessKeyId = "AKIDMOLECULETEST0001";
    public const string SecretAccessKey = "molecule/test+secret/key0000000000000000";
    public const string Region = "us-east-1";

    private FakeAws(SigV4Verifier verifier, FakeEc2 ec2, FakeKms kms, FakeSecretsManager secretsManager, FakeInstanceConnect instanceConnect)
    {
        Verifier = verifier;
        Ec2 = ec2;
        Kms = kms;
        SecretsManager = secretsManager;
        InstanceConnect = instanceConnect;
    }

    public SigV4Verifier Verifier { get; }

    public FakeEc2 Ec2 { get; }

    public FakeKms Kms { get; }

    public FakeSecretsManager SecretsManager { get; }

    public FakeInstanceConnect InstanceConnect { get; }

    /// <summary>
    /// The configuration that points Molecule.Aws at these fakes: region, the per-service endpoint
    /// variables and the test key pair, plus a short retry back-off so throttling tests stay quick.
    /// </summary>
    public IReadOnlyDictionary<string, string?> Configuration => new Dictionary<string, string?>
    {
        ["AWS_REGION"] = Region,
        ["AWS_ENDPOINT_URL_EC2"] = Ec2.Url,
        ["AWS_ENDPOINT_URL_KMS"] = Kms.Url,
        ["AWS_ENDPOINT_URL_SECRETS_MANAGER"] = SecretsManager.Url,
        ["AWS_ENDPOINT_URL_EC2_INSTANCE_CONNECT"] = InstanceConnect.Url,
        ["AWS_ACCESS_KEY_ID"] = AccessKeyId,
        ["AWS_SECRET_ACCESS_KEY"] = SecretAccessKey,
        ["AWS_RETRY_BASE_DELAY_MS"] = "20",
    };

    public static async Task<FakeAws> StartAsync(TimeProvider? worldClock = null, TimeProvider? signatureClock = null)
    {
        var verifier = new SigV4Verifier(signatureClock);
        verifier.AddCredentials(AccessKeyId, SecretAccessKey);
        var world = worldClock ?? TimeProvider.System;
        var ec2 = await FakeEc2.StartAsync(verifier, world, Region);
        var kms = await FakeKms.StartAsync(verifier, world, Region);
        var secrets = await FakeSecretsManager.StartAsync(verifier, world, Region);
        var connect = await FakeInstanceConnect.StartAsync(verifier, world, Region, ec2);
        return new FakeAws(verifier, ec2, kms, secrets, connect);
    }

    public async ValueTask DisposeAsync()
    {
        await InstanceConnect.DisposeAsync();
        await SecretsManager.DisposeAsync();
        await Kms.DisposeAsync();
        await Ec2.DisposeAsync();
    }
}
