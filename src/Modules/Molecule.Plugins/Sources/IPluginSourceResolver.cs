using Molecule.Plugins.Staging;

namespace Molecule.Plugins.Sources;

/// <summary>One source scheme (<c>local</c>, <c>github</c>): fetches a plugin's files into a staging directory.</summary>
internal interface IPluginSourceResolver
{
    string Scheme { get; }

    /// <summary>
    /// Writes the plugin's files into <paramref name="destination"/> (an empty directory), charging
    /// every byte to <paramref name="budget"/>, and returns the plugin's name.
    /// </summary>
    /// <exception cref="PluginFetchException">The plugin could not be fetched.</exception>
    /// <exception cref="StagingLimitExceededException">The plugin is larger than the staging limit.</exception>
    Task<string> FetchAsync(string spec, string destination, StagingBudget budget, CancellationToken cancellationToken);
}
