using Microsoft.Extensions.Options;
using Molecule.Aws;
using Molecule.Kernel.Configuration;
using Molecule.Kernel.Runtimes;

namespace Molecule.Provisioner.Ec2;

/// <summary>
/// Whether this server can launch a workspace of a runtime on EC2, and if not, which variables are
/// missing. Create answers it as 400; a start refuses with it (the configuration may have changed
/// since the workspace was created).
/// </summary>
internal sealed class Ec2Readiness(
    IOptions<Ec2ProvisionerOptions> options,
    IOptions<PlatformOptions> platform,
    IOptions<AwsOptions> aws,
    IEc2RuntimeImages runtimes)
{
    public const string ProfileRequired =
        "EC2_TENANT_IAM_PROFILE (the instance profile that reads the workspace's bootstrap secret; secrets are never put in user-data)";

    /// <summary>
    /// Whether this server was set up for EC2 at all (a subnet, VPC or shared group configured). A
    /// server that was not must not reach for AWS — and its default credential chain — to stop or
    /// delete an instance it never launched; it reports the instance it cannot reach instead.
    /// </summary>
    public bool IsSetUp =>
        !string.IsNullOrWhiteSpace(options.Value.SubnetId)
        || options.Value.UsesPerWorkspaceGroups
        || !string.IsNullOrWhiteSpace(options.Value.SharedSecurityGroup);

    /// <summary>The missing variables, each named; empty when a launch can go ahead.</summary>
    public IReadOnlyList<string> Missing(string runtime)
    {
        var ec2 = options.Value;
        var missing = new List<string>();
        if (runtimes.For(runtime, aws.Value.EffectiveRegion).AmiId is null)
        {
            missing.Add("EC2_AMI");
        }

        if (string.IsNullOrWhiteSpace(ec2.SubnetId))
        {
            missing.Add("EC2_SUBNET_ID");
        }

        if (!ec2.UsesPerWorkspaceGroups && string.IsNullOrWhiteSpace(ec2.SharedSecurityGroup))
        {
            missing.Add("EC2_VPC_ID (or the legacy EC2_SECURITY_GROUP)");
        }

        if (string.IsNullOrWhiteSpace(platform.Value.PlatformUrl))
        {
            missing.Add("PLATFORM_URL (the address instances reach this server at)");
        }

        if (string.IsNullOrWhiteSpace(ec2.InstanceProfile))
        {
            missing.Add(ProfileRequired);
        }

        return missing;
    }

    /// <summary>Null when ready; else the one sentence an operator reads.</summary>
    public string? Problem(string runtime) =>
        Missing(runtime) is { Count: > 0 } missing ? $"the ec2 backend is not configured: missing {string.Join(", ", missing)}" : null;
}
