using Microsoft.Extensions.Configuration;

namespace Molecule.RuntimeRegistry.Ec2;

/// <summary>How runtimes map to AMIs and disks on the EC2 backend.</summary>
internal sealed class Ec2RuntimeOptions
{
    /// <summary>The AMI for every runtime without a pin.</summary>
    [ConfigurationKeyName("EC2_AMI")]
    public string? DefaultAmi { get; set; }

    /// <summary>Pins: <c>hermes=ami-1,claude-code@us-west-2=ami-2</c> (runtime, optionally @region).</summary>
    [ConfigurationKeyName("EC2_AMI_PINS")]
    public string? AmiPins { get; set; }

    /// <summary>Minimum root volumes in GB on top of the built-in hermes=50: <c>hermes=60,crewai=45</c>.</summary>
    [ConfigurationKeyName("EC2_RUNTIME_MIN_ROOT_GB")]
    public string? MinimumRootVolumes { get; set; }

    public string? Validate()
    {
        var pins = Ec2RuntimeTable.ParsePins(AmiPins);
        if (pins.Malformed.Count > 0)
        {
            return $"EC2_AMI_PINS has malformed entries ({string.Join(", ", pins.Malformed)}); expected runtime[@region]=ami-id pairs separated by commas";
        }

        var volumes = Ec2RuntimeTable.ParseVolumes(MinimumRootVolumes);
        return volumes.Malformed.Count > 0
            ? $"EC2_RUNTIME_MIN_ROOT_GB has malformed entries ({string.Join(", ", volumes.Malformed)}); expected runtime=gigabytes pairs separated by commas"
            : null;
    }
}
