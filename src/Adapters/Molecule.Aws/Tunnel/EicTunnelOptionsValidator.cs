using Microsoft.Extensions.Options;

namespace Molecule.Aws.Tunnel;

/// <summary>Fails start-up with the message naming the bad variable.</summary>
internal sealed class EicTunnelOptionsValidator : IValidateOptions<EicTunnelOptions>
{
    public ValidateOptionsResult Validate(string? name, EicTunnelOptions options) =>
        options.Validate() is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
}
