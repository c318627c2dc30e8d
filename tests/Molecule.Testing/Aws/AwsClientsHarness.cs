using Amazon.EC2;
using Amazon.KeyManagementService;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Molecule.Aws;
using Molecule.Aws.InstanceConnect;
using Molecule.Aws.SecretsManager;

namespace Molecule.Testing.Aws;

/// <summary>
/// Molecule.Aws's clients, registered by <see cref="AwsClientsRegistration.AddAwsClients"/> exactly as
/// the server does, pointed at a fresh <see cref="FakeAws"/>. <c>configure</c> may change any variable
/// (e.g. a wrong AWS_SECRET_ACCESS_KEY) before the clients are built.
/// </summary>
public sealed class AwsClientsHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private AwsClientsHarness(FakeAws aws, ServiceProvider services)
    {
        Aws = aws;
        _services = services;
    }

    public FakeAws Aws { get; }

    public IServiceProvider Services => _services;

    public IAmazonEC2 Ec2 => _services.GetRequiredService<IAmazonEC2>();

    public IAmazonKeyManagementService Kms => _services.GetRequiredService<IAmazonKeyManagementService>();

    public IAmazonSecretsManager SecretsManager => _services.GetRequiredService<IAmazonSecretsManager>();

    public IAmazonEC2InstanceConnect InstanceConnect => _services.GetRequiredService<IAmazonEC2InstanceConnect>();

    public static async Task<AwsClientsHarness> StartAsync(TimeProvider? worldClock = null, Action<Dictionary<string, string?>>? configure = null)
    {
        var aws = await FakeAws.StartAsync(worldClock);
        var values = new Dictionary<string, string?>(aws.Configuration);
        configure?.Invoke(values);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection().AddLogging().AddAwsClients(configuration).BuildServiceProvider(validateScopes: true);
        return new AwsClientsHarness(aws, services);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Aws.DisposeAsync();
    }
}
