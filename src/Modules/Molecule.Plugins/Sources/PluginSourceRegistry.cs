namespace Molecule.Plugins.Sources;

/// <summary>The resolvers by scheme.</summary>
internal sealed class PluginSourceRegistry(IEnumerable<IPluginSourceResolver> resolvers)
{
    private readonly Dictionary<string, IPluginSourceResolver> _byScheme =
        resolvers.ToDictionary(resolver => resolver.Scheme, StringComparer.Ordinal);

    /// <summary>Sorted, as <c>GET /plugins/sources</c> lists them.</summary>
    public IReadOnlyList<string> Schemes => [.. _byScheme.Keys.Order(StringComparer.Ordinal)];

    public IPluginSourceResolver? Find(string scheme) => _byScheme.GetValueOrDefault(scheme);
}
