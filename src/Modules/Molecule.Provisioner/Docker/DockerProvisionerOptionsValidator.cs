using Microsoft.Extensions.Options;

namespace Molecule.Provisioner.Docker;

/// <summary>Refuses to start on container settings that cannot work, naming each bad variable.</summary>
internal sealed class DockerProvisionerOptionsValidator : IValidateOptions<DockerProvisionerOptions>
{
    public ValidateOptionsResult Validate(string? name, DockerProvisionerOptions options) =>
        options.Problems() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
}
