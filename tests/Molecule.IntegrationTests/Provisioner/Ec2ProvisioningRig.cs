using System.Text.Json.Nodes;
using Amazon.EC2;
using Amazon.EC2.Model;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Molecule.Aws;
using Molecule.Testing;
using Molecule.Testing.Aws;

namespace Molecule.IntegrationTests.Provisioner;

/// <summary>
/// The Molecule host with the EC2 backend configured against the in-process AWS fakes
/// (AddAwsClients pointed at them through their configuration), plus the Instance Connect
/// endpoint's security group the workspace groups must admit. Instance transitions are short.
/// </summary>
internal sealed class Ec2ProvisioningRig : IAsyncDisposable
{
    public const string Ami = "ami-0123456789abcdef0";
    public const string Profile = "molecule-tenant-workspace";
    public const string Environment = "itest";
    public const string PlatformUrl = "https://platform.itest.example";

    private readonly ServiceProvider _clients;

    private Ec2ProvisioningRig(FakeAws aws, ServiceProvider clients, WorkspacesApp app, string endpointGroup)
    {
        Aws = aws;
        _clients = clients;
        App = app;
        EndpointGroup = endpointGroup;
    }

    public FakeAws Aws { get; }

    public WorkspacesApp App { get; }

    /// <summary>The Instance Connect endpoint's group (EIC_ENDPOINT_SG_ID).</summary>
    public string EndpointGroup { get; }

    public static async Task<Ec2ProvisioningRig> StartAsync(Action<Dictionary<string, string?>>? adjust = null)
    {
        var aws = await FakeAws.StartAsync();
        aws.Ec2.BootDelay = TimeSpan.FromMilliseconds(200);
        aws.Ec2.StopDelay = TimeSpan.FromMilliseconds(200);
        aws.Ec2.TerminateDelay = TimeSpan.FromMilliseconds(200);
        var clients = new ServiceCollection().AddLogging()
            .AddAwsClients(new ConfigurationBuilder().AddInMemoryCollection(aws.Configuration).Build())
            .BuildServiceProvider();
        var endpointGroup = (await clients.GetRequiredService<IAmazonEC2>().CreateSecurityGroupAsync(new CreateSecurityGroupRequest
        {
            GroupName = "eic-endpoint",
            Description = "the region's EC2 Instance Connect endpoint",
            VpcId = aws.Ec2.DefaultVpcId,
        })).GroupId;

        var settings = new Dictionary<string, string?>(aws.Configuration)
        {
            ["EC2_AMI"] = Ami,
            ["EC2_VPC_ID"] = aws.Ec2.DefaultVpcId,
            ["EC2_SUBNET_ID"] = aws.Ec2.DefaultSubnetId,
            ["EC2_TENANT_IAM_PROFILE"] = Profile,
            ["EIC_ENDPOINT_SG_ID"] = endpointGroup,
            ["MOLECULE_ENV"] = Environment,
            ["PLATFORM_URL"] = PlatformUrl,
            ["EC2_DELETE_TIMEOUT_SECONDS"] = "3",
            ["EC2_POLL_INTERVAL_MS"] = "50",
            ["EC2_GROUP_DELETE_ATTEMPTS"] = "20",
        };
        adjust?.Invoke(settings);
        try
        {
            var app = await WorkspacesApp.StartAsync(settings);
            return new Ec2ProvisioningRig(aws, clients, app, endpointGroup);
        }
        catch
        {
            await clients.DisposeAsync();
            await aws.DisposeAsync();
            throw;
        }
    }

    public static string SecretName(Guid workspaceId) => $"molecule/workspaces/{Environment}/{workspaceId:D}/bootstrap";

    /// <summary>The bundle the instance would read now, or null when the secret is gone.</summary>
    public JsonObject? Bundle(Guid workspaceId) =>
        Aws.SecretsManager.CurrentValue(SecretName(workspaceId)) is { } value ? JsonNode.Parse(value)!.AsObject() : null;

    public FakeSecurityGroup? WorkspaceGroup(Guid workspaceId) =>
        Aws.Ec2.SecurityGroups.SingleOrDefault(group => group.GroupName == $"workspace-{workspaceId:D}");

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await _clients.DisposeAsync();
        await Aws.DisposeAsync();
    }
}
