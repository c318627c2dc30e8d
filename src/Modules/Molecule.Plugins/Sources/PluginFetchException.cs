namespace Molecule.Plugins.Sources;

/// <summary>How a fetch failed, which decides the answer: 404, 504 or 502.</summary>
internal enum PluginFetchFailure
{
    NotFound,
    TimedOut,
    Failed,
}

/// <summary>A source could not deliver the plugin. The message is for the log, not the caller.</summary>
internal sealed class PluginFetchException(PluginFetchFailure failure, string message, Exception? innerException = null)
    : Exception(message, innerException)
{
    public PluginFetchFailure Failure { get; } = failure;
}
