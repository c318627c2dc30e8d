using System.Text;
using System.Text.Json.Nodes;
using Molecule.Provisioner.Ec2;
using Molecule.RuntimeRegistry.Ec2;

namespace Molecule.Tests.Provisioner;

/// <summary>The pure rules of the EC2 provisioner: sizes, names, tags, tokens and what user-data may say.</summary>
public sealed class Ec2ProvisioningRulesTests
{
    private static readonly Guid WorkspaceId = Guid.Parse("3f2b8c1d-9a4e-4b7f-8c6d-5e1a2b3c4d5e");

    [Theory]
    [InlineData(3, "t3.medium", 40)]
    [InlineData(4, "t3.large", 80)]
    [InlineData(1, "t3.large", 80)]
    [InlineData(2, "t3.large", 80)]
    [InlineData(0, "t3.large", 80)]
    [InlineData(7, "t3.large", 80)]
    [InlineData(-1, "t3.large", 80)]
    public void The_default_tier_table_clamps_every_tier_but_three_to_tier_four(int tier, string type, int gigabytes)
    {
        new Ec2TierTable(null).For(tier, 0).ShouldBe(new Ec2InstanceSize(type, gigabytes));
    }

    [Fact]
    public void Configured_tiers_replace_the_defaults_and_unknown_tiers_still_clamp_to_tier_four()
    {
        var table = new Ec2TierTable("4=m6i.xlarge/120, 5=m6i.2xlarge/200");
        table.For(3, 0).ShouldBe(new Ec2InstanceSize("t3.medium", 40));
        table.For(4, 0).ShouldBe(new Ec2InstanceSize("m6i.xlarge", 120));
        table.For(5, 0).ShouldBe(new Ec2InstanceSize("m6i.2xlarge", 200));
        table.For(9, 0).ShouldBe(new Ec2InstanceSize("m6i.xlarge", 120));
        Ec2TierTable.Parse("3=t3.medium, x=t3.large/80, 4=t3.large/4").Malformed.ShouldBe(["3=t3.medium", "x=t3.large/80", "4=t3.large/4"]);
    }

    [Fact]
    public void Hermes_gets_at_least_fifty_gigabytes_and_configuration_cannot_lower_it()
    {
        var runtimes = new Ec2RuntimeTable("ami-default", null, null);
        runtimes.MinimumRootVolumeGb("hermes").ShouldBe(50);
        runtimes.MinimumRootVolumeGb("langgraph").ShouldBe(0);
        new Ec2TierTable(null).For(3, runtimes.MinimumRootVolumeGb("hermes")).ShouldBe(new Ec2InstanceSize("t3.medium", 50));
        new Ec2TierTable(null).For(4, runtimes.MinimumRootVolumeGb("hermes")).ShouldBe(new Ec2InstanceSize("t3.large", 80));

        var configured = new Ec2RuntimeTable(null, null, "hermes=30, crewai=45");
        configured.MinimumRootVolumeGb("hermes").ShouldBe(50);
        configured.MinimumRootVolumeGb("crewai").ShouldBe(45);
        new Ec2RuntimeTable(null, null, "hermes=70").MinimumRootVolumeGb("hermes").ShouldBe(70);
    }

    [Fact]
    public void An_ami_pin_for_the_region_beats_one_for_the_runtime_which_beats_ec2_ami()
    {
        var runtimes = new Ec2RuntimeTable("ami-default", "hermes=ami-hermes, hermes@us-west-2=ami-hermes-west", null);
        runtimes.AmiFor("hermes", "us-west-2").ShouldBe("ami-hermes-west");
        runtimes.AmiFor("hermes", "us-east-1").ShouldBe("ami-hermes");
        runtimes.AmiFor("langgraph", "us-east-1").ShouldBe("ami-default");
        new Ec2RuntimeTable(null, null, null).AmiFor("langgraph", "us-east-1").ShouldBeNull();
        Ec2RuntimeTable.ParsePins("hermes=notanami, =ami-1, ok=ami-2").Malformed.ShouldBe(["hermes=notanami", "=ami-1"]);
    }

    [Fact]
    public void The_instance_carries_the_seven_tags()
    {
        var tags = Ec2Tags.ForInstance(WorkspaceId, "hermes", "sg-0123456789abcdef0", "org-7", "staging");
        tags.ShouldBe(
        [
            new("Name", "ws-3f2b8c1d-9a4"),
            new("WorkspaceID", WorkspaceId.ToString("D")),
            new("Runtime", "hermes"),
            new("Role", "workspace"),
            new("SGID", "sg-0123456789abcdef0"),
            new("OrgID", "org-7"),
            new("Environment", "staging"),
        ]);
    }

    [Fact]
    public void The_client_token_is_stable_per_attempt_new_per_replaced_instance_and_fits_ec2()
    {
        var first = Ec2Names.ClientToken(WorkspaceId, null);
        Ec2Names.ClientToken(WorkspaceId, null).ShouldBe(first);
        Ec2Names.ClientToken(WorkspaceId, "").ShouldBe(first);
        var replacement = Ec2Names.ClientToken(WorkspaceId, "i-0abc1234def567890");
        replacement.ShouldNotBe(first);
        Ec2Names.ClientToken(WorkspaceId, "i-0abc1234def567890").ShouldBe(replacement);
        Ec2Names.ClientToken(Guid.NewGuid(), null).ShouldNotBe(first);
        first.Length.ShouldBeLessThanOrEqualTo(64);
        first.ShouldAllBe(c => c < 128);
    }

    [Fact]
    public void Names_keep_environments_apart_and_the_group_never_looks_like_an_id()
    {
        Ec2Names.BootstrapSecretName(WorkspaceId, "Prod", null).ShouldBe($"molecule/workspaces/prod/{WorkspaceId:D}/bootstrap");
        Ec2Names.BootstrapSecretName(WorkspaceId, null, "tenants/acme/").ShouldBe($"tenants/acme/{WorkspaceId:D}/bootstrap");
        Ec2Names.SecurityGroupName(WorkspaceId).ShouldStartWith("workspace");
    }

    [Fact]
    public void User_data_says_where_the_bundle_is_and_carries_none_of_its_secrets()
    {
        const string secretValue = "sk-live-DO-NOT-LEAK-0001";
        const string token = "tok_workspace_secret_0002";
        var bundle = Ec2BootstrapBundle.Render(
            WorkspaceId, "https://platform.example.com", token,
            [new("OPENAI_API_KEY", secretValue), new("WORKSPACE_ID", WorkspaceId.ToString("D"))]);
        var parsed = JsonNode.Parse(bundle)!;
        parsed["auth_token"]!.GetValue<string>().ShouldBe(token);
        parsed["env"]!["OPENAI_API_KEY"]!.GetValue<string>().ShouldBe(secretValue);
        parsed["platform_url"]!.GetValue<string>().ShouldBe("https://platform.example.com");

        var secretName = Ec2Names.BootstrapSecretName(WorkspaceId, "prod", null);
        var script = Ec2UserData.Render(new Ec2BootPlan(WorkspaceId, secretName, "eu-west-1", "ghcr.io/molecule-ai/workspace-template-hermes:latest", Ec2UserData.ConfigDirFor("hermes")));
        var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(Ec2UserData.Encode(script)));

        decoded.ShouldBe(script);
        decoded.ShouldNotContain(secretValue);
        decoded.ShouldNotContain(token);
        decoded.ShouldNotContain("OPENAI_API_KEY");
        decoded.ShouldContain($"SECRET_ID='{secretName}'");
        decoded.ShouldContain("AWS_REGION='eu-west-1'");
        decoded.ShouldContain("IMAGE='ghcr.io/molecule-ai/workspace-template-hermes:latest'");
        decoded.ShouldContain("CONFIG_DIR='/home/ubuntu/.hermes'");
        decoded.ShouldContain("aws secretsmanager get-secret-value");
        decoded.ShouldStartWith("#!/bin/bash\n");
        Ec2UserData.ConfigDirFor("langgraph").ShouldBe("/opt/configs");
    }

    [Fact]
    public void Quoting_survives_a_single_quote()
    {
        Ec2UserData.Quote("it's").ShouldBe("'it'\\''s'");
    }
}

/// <summary>Which variables a create on EC2 is refused for.</summary>
public sealed class Ec2ReadinessTests
{
    private static Ec2Readiness Readiness(Ec2ProvisionerOptions ec2, string? platformUrl, string? ami, string? pins = null) =>
        new(
            Microsoft.Extensions.Options.Options.Create(ec2),
            Microsoft.Extensions.Options.Options.Create(new Molecule.Kernel.Configuration.PlatformOptions { PlatformUrl = platformUrl }),
            Microsoft.Extensions.Options.Options.Create(new Molecule.Aws.AwsOptions()),
            new FixedImages(new Ec2RuntimeTable(ami, pins, null)));

    [Fact]
    public void Nothing_configured_names_every_required_variable_and_is_not_set_up()
    {
        var readiness = Readiness(new Ec2ProvisionerOptions(), null, null);
        readiness.IsSetUp.ShouldBeFalse();
        readiness.Missing("langgraph").ShouldBe(
        [
            "EC2_AMI",
            "EC2_SUBNET_ID",
            "EC2_VPC_ID (or the legacy EC2_SECURITY_GROUP)",
            "PLATFORM_URL (the address instances reach this server at)",
            Ec2Readiness.ProfileRequired,
        ]);
    }

    [Fact]
    public void A_complete_configuration_is_ready_and_a_pin_stands_in_for_ec2_ami()
    {
        var ec2 = new Ec2ProvisionerOptions { SubnetId = "subnet-1", SharedSecurityGroup = "sg-legacy", InstanceProfile = "tenant" };
        var readiness = Readiness(ec2, "https://platform.example", null, "hermes=ami-hermes");
        readiness.IsSetUp.ShouldBeTrue();
        readiness.Problem("hermes").ShouldBeNull();
        readiness.Problem("langgraph").ShouldBe("the ec2 backend is not configured: missing EC2_AMI");

        var withoutProfile = Readiness(new Ec2ProvisionerOptions { SubnetId = "subnet-1", VpcId = "vpc-1" }, "https://p", "ami-1");
        withoutProfile.Problem("langgraph").ShouldBe($"the ec2 backend is not configured: missing {Ec2Readiness.ProfileRequired}");
    }

    private sealed class FixedImages(Ec2RuntimeTable table) : Molecule.Kernel.Runtimes.IEc2RuntimeImages
    {
        public Molecule.Kernel.Runtimes.Ec2RuntimeImage For(string runtime, string region) =>
            new(table.AmiFor(runtime, region), "image", table.MinimumRootVolumeGb(runtime));
    }
}
