namespace Molecule.Kernel.Runtimes;

/// <summary>
/// What an EC2 workspace of one runtime boots: the AMI (null when neither a pin nor <c>EC2_AMI</c>
/// names one), the runtime image its user-data pulls and runs, and the smallest root volume the
/// runtime fits on.
/// </summary>
public sealed record Ec2RuntimeImage(string? AmiId, string Image, int MinimumRootVolumeGb);

/// <summary>The runtime registry's EC2 half: runtime → AMI, image and minimum disk (ARCHITECTURE.md §3).</summary>
public interface IEc2RuntimeImages
{
    /// <summary>The AMI pinned for this runtime in <paramref name="region"/>, else for the runtime, else <c>EC2_AMI</c>.</summary>
    Ec2RuntimeImage For(string runtime, string region);
}
