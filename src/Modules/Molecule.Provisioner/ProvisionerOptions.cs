using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using Molecule.Kernel.Compute;

namespace Molecule.Provisioner;

/// <summary>Where new workspaces run and how long a start may take.</summary>
internal sealed class ProvisionerOptions
{
    /// <summary><c>docker</c> or <c>ec2</c>: the backend for workspaces that have no <c>instance_id</c> yet.</summary>
    [ConfigurationKeyName("Provisioner:DefaultBackend")]
    public string DefaultBackend { get; set; } = "docker";

    /// <summary>The reference's override of the provision timeout for every runtime (unset: 600 s, hermes 1800 s).</summary>
    [ConfigurationKeyName("PROVISION_TIMEOUT_SECONDS")]
    [Range(1, int.MaxValue, ErrorMessage = "PROVISION_TIMEOUT_SECONDS must be a positive number of seconds")]
    public int? ProvisionTimeoutSeconds { get; set; }

    [ConfigurationKeyName("Provisioner:TimeoutSweepIntervalSeconds")]
    [Range(1, 86_400, ErrorMessage = "Provisioner:TimeoutSweepIntervalSeconds must be between 1 and 86400")]
    public int TimeoutSweepIntervalSeconds { get; set; } = 30;

    public Backend ParsedDefaultBackend => DefaultBackend.Trim().ToLowerInvariant() == "ec2" ? Backend.Ec2 : Backend.Docker;

    public bool HasValidDefaultBackend => DefaultBackend.Trim().ToLowerInvariant() is "docker" or "ec2";
}
