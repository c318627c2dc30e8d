using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Molecule.Kernel.Compute;
using Molecule.Kernel.Workspaces;
using Molecule.Provisioner;
using Molecule.Provisioner.Backends;
using Molecule.Provisioner.Docker;

namespace Molecule.Tests.Provisioner;

public sealed class ProvisionerTests
{
    private static readonly WorkspaceRef Workspace =
        new(Guid.NewGuid(), "w", "langgraph", 3, WorkspaceStatus.Provisioning, null, null, null);

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddProvisioner(configuration).BuildServiceProvider();
    }

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

    [Theory]
    [InlineData("DOCKER_NETWORK", "not a network!", "DOCKER_NETWORK")]
    [InlineData("MOLECULE_DOCKER_LABELS", "novalue", "MOLECULE_DOCKER_LABELS")]
    [InlineData("MOLECULE_DOCKER_LABELS", "molecule.platform.managed=false", "MOLECULE_DOCKER_LABELS")]
    [InlineData("Provisioner:ReconcileIntervalSeconds", "0", "ReconcileIntervalSeconds")]
    [InlineData("Provisioner:EngineTimeoutSeconds", "0", "EngineTimeoutSeconds")]
    [InlineData("Provisioner:ReconcileMinAgeSeconds", "-1", "ReconcileMinAgeSeconds")]
    public void Invalid_docker_settings_stop_the_start_naming_the_variable(string key, string value, string named)
    {
        using var provider = Build(new() { [key] = value });

        Should.Throw<OptionsValidationException>(() => provider.GetRequiredService<IOptions<DockerProvisionerOptions>>().Value)
            .Message.ShouldContain(named);
    }

    [Fact]
    public void Docker_settings_default_to_the_reference_network_and_ignore_tier_overrides_that_are_not_positive()
    {
        using var provider = Build(new() { ["TIER2_MEMORY_MB"] = "-1", ["TIER3_MEMORY_MB"] = "abc", ["TIER4_CPU_SHARES"] = "8192" });
        var options = provider.GetRequiredService<IOptions<DockerProvisionerOptions>>().Value;

        options.EffectiveNetwork.ShouldBe("molecule-monorepo-net");
        options.UsesHostNetwork.ShouldBeFalse();
        options.PortOrDefault.ShouldBe(8080);
        options.TierOverrides.ShouldBe(new TierOverrides(Tier4CpuShares: 8192));
        options.ReconcileInterval.ShouldBe(TimeSpan.FromMinutes(1));
        options.GhcrAuth.ShouldBeNull();
        options.ParsedExtraLabels.ShouldBeEmpty();
    }

    [Fact]
    public void Each_backend_has_its_own_compute_registered_under_its_key()
    {
        var services = new ServiceCollection().AddProvisioner(new ConfigurationBuilder().Build());
        services.ShouldContain(d => d.IsKeyedService && Equals(d.ServiceKey, Backend.Docker) && d.ServiceType == typeof(IWorkspaceCompute));
        services.ShouldContain(d => d.IsKeyedService && Equals(d.ServiceKey, Backend.Ec2) && d.ServiceType == typeof(IWorkspaceCompute));
        services.ShouldContain(d => d.ServiceType == typeof(DockerCompute));
        services.ShouldContain(d => d.ServiceType == typeof(Ec2Compute));
    }
}
