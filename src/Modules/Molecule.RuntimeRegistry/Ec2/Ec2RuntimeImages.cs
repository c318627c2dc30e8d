using Microsoft.Extensions.Options;
using Molecule.Kernel.Runtimes;

namespace Molecule.RuntimeRegistry.Ec2;

/// <summary>
/// The EC2 half of the registry: the same runtime image the Docker backend runs (so
/// MOLECULE_RUNTIME_IMAGES pins both), booted on the runtime's AMI with at least its minimum disk.
/// </summary>
internal sealed class Ec2RuntimeImages(RuntimeCatalog catalog, IOptions<Ec2RuntimeOptions> options) : IEc2RuntimeImages
{
    private readonly Ec2RuntimeTable _table = new(options.Value.DefaultAmi, options.Value.AmiPins, options.Value.MinimumRootVolumes);

    public Ec2RuntimeImage For(string runtime, string region) =>
        new(_table.AmiFor(runtime, region), catalog.DockerImageFor(runtime), _table.MinimumRootVolumeGb(runtime));
}
