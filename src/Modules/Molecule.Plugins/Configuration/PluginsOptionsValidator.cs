using Microsoft.Extensions.Options;

namespace Molecule.Plugins.Configuration;

/// <summary>Stops the boot with the precise reason when a plugin setting is unusable.</summary>
internal sealed class PluginsOptionsValidator : IValidateOptions<PluginsOptions>
{
    public ValidateOptionsResult Validate(string? name, PluginsOptions options) =>
        options.Validate() is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
}
