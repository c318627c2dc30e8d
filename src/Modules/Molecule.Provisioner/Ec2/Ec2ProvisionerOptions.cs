using Microsoft.Extensions.Configuration;

namespace Molecule.Provisioner.Ec2;

/// <summary>Where and how EC2 workspaces are launched (spec/ec2-backend.md, Configuration).</summary>
internal sealed class Ec2ProvisionerOptions
{
    public const string DefaultOsUser = "ubuntu";
    public const string DefaultRootDevice = "/dev/sda1";

    /// <summary>The VPC each workspace's own security group is created in.</summary>
    [ConfigurationKeyName("EC2_VPC_ID")]
    public string? VpcId { get; set; }

    [ConfigurationKeyName("EC2_SUBNET_ID")]
    public string? SubnetId { get; set; }

    /// <summary>Legacy: one shared group, used only when <see cref="VpcId"/> is unset (never created or deleted here).</summary>
    [ConfigurationKeyName("EC2_SECURITY_GROUP")]
    public string? SharedSecurityGroup { get; set; }

    /// <summary>Optional key pair for emergency console access.</summary>
    [ConfigurationKeyName("EC2_KEY_NAME")]
    public string? KeyName { get; set; }

    /// <summary>Name or ARN of the instance profile that may read the workspace's bootstrap secret.</summary>
    [ConfigurationKeyName("EC2_TENANT_IAM_PROFILE")]
    public string? InstanceProfile { get; set; }

    /// <summary>The Instance Connect endpoint's group: the only source the workspace group lets in (tcp/22).</summary>
    [ConfigurationKeyName("EIC_ENDPOINT_SG_ID")]
    public string? EndpointSecurityGroup { get; set; }

    [ConfigurationKeyName("WORKSPACE_EC2_OS_USER")]
    public string? OsUser { get; set; }

    /// <summary>The tier table: <c>3=t3.medium/40,4=t3.large/80</c>; entries replace the defaults tier by tier.</summary>
    [ConfigurationKeyName("EC2_TIER_TABLE")]
    public string? TierTable { get; set; }

    [ConfigurationKeyName("EC2_ROOT_DEVICE_NAME")]
    public string? RootDeviceName { get; set; }

    /// <summary>How long a delete waits for <c>terminated</c> before it reports a (retryable) failure.</summary>
    [ConfigurationKeyName("EC2_DELETE_TIMEOUT_SECONDS")]
    public int DeleteTimeoutSeconds { get; set; } = 300;

    /// <summary>How long a restart waits for the instance to be <c>stopped</c> before it starts it again.</summary>
    [ConfigurationKeyName("EC2_STOP_TIMEOUT_SECONDS")]
    public int StopTimeoutSeconds { get; set; } = 120;

    /// <summary>Pause between two DescribeInstances (and security-group delete attempts) while waiting.</summary>
    [ConfigurationKeyName("EC2_POLL_INTERVAL_MS")]
    public int PollIntervalMilliseconds { get; set; } = 2000;

    /// <summary>How many times a group delete is tried while AWS still reports a dependency.</summary>
    [ConfigurationKeyName("EC2_GROUP_DELETE_ATTEMPTS")]
    public int GroupDeleteAttempts { get; set; } = 15;

    /// <summary>Prefix of the per-workspace bootstrap secret's name.</summary>
    [ConfigurationKeyName("EC2_BOOTSTRAP_SECRET_PREFIX")]
    public string? BootstrapSecretPrefix { get; set; }

    public string EffectiveOsUser => string.IsNullOrWhiteSpace(OsUser) ? DefaultOsUser : OsUser.Trim();

    public string EffectiveRootDevice => string.IsNullOrWhiteSpace(RootDeviceName) ? DefaultRootDevice : RootDeviceName.Trim();

    public bool UsesPerWorkspaceGroups => !string.IsNullOrWhiteSpace(VpcId);

    public TimeSpan DeleteTimeout => TimeSpan.FromSeconds(Math.Max(1, DeleteTimeoutSeconds));

    public TimeSpan StopTimeout => TimeSpan.FromSeconds(Math.Max(1, StopTimeoutSeconds));

    public TimeSpan PollInterval => TimeSpan.FromMilliseconds(Math.Max(10, PollIntervalMilliseconds));

    public string? Validate()
    {
        if (Ec2TierTable.Parse(TierTable).Malformed is { Count: > 0 } malformed)
        {
            return $"EC2_TIER_TABLE has malformed entries ({string.Join(", ", malformed)}); expected tier=instance-type/gigabytes pairs separated by commas";
        }

        if (DeleteTimeoutSeconds < 1 || StopTimeoutSeconds < 1 || PollIntervalMilliseconds < 10 || GroupDeleteAttempts < 1)
        {
            return "EC2_DELETE_TIMEOUT_SECONDS, EC2_STOP_TIMEOUT_SECONDS and EC2_GROUP_DELETE_ATTEMPTS must be positive, EC2_POLL_INTERVAL_MS at least 10";
        }

        return null;
    }
}
