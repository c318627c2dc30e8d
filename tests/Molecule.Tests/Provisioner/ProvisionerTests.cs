using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Molecule.Kernel.Compute;
using Molecule.Kernel.Workspaces;
using Molecule.Provisioner;
using Molecule.Provisioner.Backends;

namespace Molecule.Tests.Provisioner;

public sealed class ProvisionerTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddProvisioner(configuration).BuildServiceProvider();
    }

    private static readonly WorkspaceRef Workspace =
        new(Guid.NewGuid(), "w", "langgraph", 3, WorkspaceStatus.Provisioning, null, null, null);

    [Fact]
    public void Timeouts_are_ten_minutes_thirty_for_hermes_unless_overridden_for_all()
    {
        using var defaults = Build([]);
        var policy = defaults.GetRequiredService<IProvisioningPolicy>();
        policy.ProvisionTimeoutFor("langgraph").ShouldBe(TimeSpan.FromMinutes(10));
        policy.ProvisionTimeoutFor("hermes").ShouldBe(TimeSpan.FromMinutes(30));
        policy.TimeoutSweepInterval.ShouldBe(TimeSpan.FromSeconds(30));
        policy.DefaultBackend.ShouldBe(Backend.Docker);

        using var overridden = Build(new()
        {
            ["PROVISION_TIMEOUT_SECONDS"] = "45",
            ["Provisioner:DefaultBackend"] = "EC2",
            ["Provisioner:TimeoutSweepIntervalSeconds"] = "5",
        });
        var custom = overridden.GetRequiredService<IProvisioningPolicy>();
        custom.ProvisionTimeoutFor("hermes").ShouldBe(TimeSpan.FromSeconds(45));
        custom.ProvisionTimeoutFor("langgraph").ShouldBe(TimeSpan.FromSeconds(45));
        custom.DefaultBackend.ShouldBe(Backend.Ec2);
        custom.TimeoutSweepInterval.ShouldBe(TimeSpan.FromSeconds(5));
    }

    [Theory]
    [InlineData("Provisioner:DefaultBackend", "kubernetes")]
    [InlineData("PROVISION_TIMEOUT_SECONDS", "0")]
    [InlineData("PROVISION_TIMEOUT_SECONDS", "-5")]
    [InlineData("Provisioner:TimeoutSweepIntervalSeconds", "0")]
    public void Invalid_settings_stop_the_start(string key, string value)
    {
        using var provider = Build(new() { [key] = value });

        Should.Throw<OptionsValidationException>(() => provider.GetRequiredService<IOptions<ProvisionerOptions>>().Value);
    }

    [Fact]
    public async Task Both_backends_are_registered_and_refuse_to_start_naming_what_is_missing()
    {
        using var provider = Build([]);
        var request = new ProvisionRequest(Workspace, null, new Dictionary<string, string>(), false);

        var docker = await provider.GetRequiredKeyedService<IWorkspaceCompute>(Backend.Docker).StartAsync(request, CancellationToken.None);
        docker.Started.ShouldBeFalse();
        docker.Error.ShouldBe(DockerBackendNotBuilt.StartError);
        docker.Error!.ShouldContain("Docker backend is not available in this build");

        var ec2 = await provider.GetRequiredKeyedService<IWorkspaceCompute>(Backend.Ec2).StartAsync(request, CancellationToken.None);
        ec2.Started.ShouldBeFalse();
        ec2.Error!.ShouldContain("EC2 backend is not available in this build");
    }

    [Fact]
    public async Task Dispatch_follows_the_instance_id()
    {
        using var provider = Build([]);

        provider.ForWorkspace<IWorkspaceCompute>(Workspace).ShouldBeOfType<DockerBackendNotBuilt>();
        provider.ForWorkspace<IWorkspaceCompute>(Workspace with { InstanceId = "i-0abc" }).ShouldBeOfType<Ec2BackendNotBuilt>();
        await Task.CompletedTask;
    }

    [Fact]
    public async Task Docker_stop_is_a_no_op_because_nothing_here_can_have_started_a_container()
    {
        var docker = new DockerBackendNotBuilt();

        await docker.StopAsync(Workspace, CancellationToken.None);
        await docker.DeleteAsync(Workspace, CancellationToken.None);
    }

    [Fact]
    public async Task Ec2_stop_refuses_because_an_instance_may_exist()
    {
        var ec2 = new Ec2BackendNotBuilt();
        var onEc2 = Workspace with { InstanceId = "i-0abc" };

        (await Should.ThrowAsync<ComputeOperationException>(() => ec2.StopAsync(onEc2, CancellationToken.None)))
            .Message.ShouldContain("cannot stop instance i-0abc");
        (await Should.ThrowAsync<ComputeOperationException>(() => ec2.DeleteAsync(onEc2, CancellationToken.None)))
            .Message.ShouldContain("cannot delete instance i-0abc");
    }
}
