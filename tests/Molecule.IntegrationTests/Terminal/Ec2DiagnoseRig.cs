using System.Net;
using System.Text.Json.Nodes;
using Amazon.EC2;
using Amazon.EC2.Model;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Molecule.Aws;
using Molecule.Testing;
using Molecule.Testing.Aws;
using Molecule.Testing.Aws.Tunnel;

namespace Molecule.IntegrationTests.Terminal;

/// <summary>
/// The host over the AWS fakes and a fake Instance Connect endpoint whose tunnels reach the real
/// test sshd. By default every key pushed with SendSSHPublicKey is authorized on sshd for 60 s, as
/// the instance's Instance Connect agent would; <see cref="AuthorizeLine"/> changes what is written.
/// </summary>
internal sealed class Ec2DiagnoseRig : IAsyncDisposable
{
    private readonly ServiceProvider _clients;
    private readonly List<IDisposable> _authorizations = [];

    private Ec2DiagnoseRig(FakeAws aws, EicTunnelEndpointFake endpoint, ServiceProvider clients, TerminalApp app)
    {
        Aws = aws;
        Endpoint = endpoint;
        _clients = clients;
        App = app;
        aws.InstanceConnect.KeyPushed += pushed =>
        {
            if (AuthorizeLine(pushed.PublicKey) is { } line)
            {
                lock (_authorizations)
                {
                    _authorizations.Add(SshdServer.Require().AuthorizeKey(line, DateTimeOffset.UtcNow.AddSeconds(60)));
                }
            }
        };
    }

    public FakeAws Aws { get; }

    public EicTunnelEndpointFake Endpoint { get; }

    public TerminalApp App { get; }

    /// <summary>The authorized_keys line written for a pushed key; null writes nothing (sshd refuses the key).</summary>
    public Func<string, string?> AuthorizeLine { get; set; } = key => key;

    public static async Task<Ec2DiagnoseRig> StartAsync(bool withInstanceConnectEndpoint = true)
    {
        var sshd = SshdServer.Require();
        var aws = await FakeAws.StartAsync();
        aws.Ec2.BootDelay = TimeSpan.FromMilliseconds(50);
        var endpoint = await EicTunnelEndpointFake.StartAsync(
            new IPEndPoint(IPAddress.Loopback, sshd.Port),
            new EicPresignCredentials(FakeAws.AccessKeyId, FakeAws.SecretAccessKey, null),
            FakeAws.Region);
        if (withInstanceConnectEndpoint)
        {
            aws.Ec2.AddInstanceConnectEndpoint(dnsName: endpoint.Url.Authority, subnetId: aws.Ec2.DefaultSubnetId, vpcId: aws.Ec2.DefaultVpcId);
        }

        var clients = new ServiceCollection().AddLogging()
            .AddAwsClients(new ConfigurationBuilder().AddInMemoryCollection(aws.Configuration).Build())
            .BuildServiceProvider();
        var settings = new Dictionary<string, string?>(aws.Configuration)
        {
            ["EIC_TUNNEL_URL"] = endpoint.Url.ToString(),
            ["WORKSPACE_EC2_OS_USER"] = sshd.User,
        };
        var app = await TerminalApp.StartAsync(settings);
        return new Ec2DiagnoseRig(aws, endpoint, clients, app);
    }

    /// <summary>Launches an instance in the default subnet, waits (bounded) until it runs, and inserts its workspace.</summary>
    public async Task<(Guid Workspace, string InstanceId)> RunningWorkspaceAsync()
    {
        var launched = await _clients.GetRequiredService<IAmazonEC2>().RunInstancesAsync(new RunInstancesRequest
        {
            ImageId = "ami-0123456789abcdef0",
            InstanceType = InstanceType.T3Medium,
            MinCount = 1,
            MaxCount = 1,
            SubnetId = Aws.Ec2.DefaultSubnetId,
        });
        var instanceId = launched.Reservation.Instances.Single().InstanceId;
        for (var i = 0; i < 100 && Aws.Ec2.StateOf(instanceId) != "running"; i++)
        {
            await Task.Delay(50);
        }

        Aws.Ec2.StateOf(instanceId).ShouldBe("running");
        return (await App.InsertTerminalWorkspaceAsync(instanceId: instanceId), instanceId);
    }

    public async Task<JsonNode> DiagnoseAsync(Guid workspace)
    {
        var response = await App.Admin().GetAsync($"/workspaces/{workspace}/terminal/diagnose", TerminalTestKit.Within(90));
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        return JsonNode.Parse(text)!;
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await Endpoint.DisposeAsync();
        await _clients.DisposeAsync();
        await Aws.DisposeAsync();
        lock (_authorizations)
        {
            _authorizations.ForEach(authorization => authorization.Dispose());
        }
    }
}
