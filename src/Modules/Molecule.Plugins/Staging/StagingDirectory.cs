namespace Molecule.Plugins.Staging;

/// <summary>
/// A private temporary directory for one fetch: the plugin's files go in <see cref="Root"/>, archives
/// built from them next to it. Everything is deleted on dispose.
/// </summary>
internal sealed class StagingDirectory : IDisposable
{
    private readonly string _parent;

    private StagingDirectory(string parent)
    {
        _parent = parent;
        Root = Path.Combine(parent, "plugin");
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    /// <summary>Created with mode 0700 under the system temp directory.</summary>
    public static StagingDirectory Create() => new(Directory.CreateTempSubdirectory("molecule-plugin-fetch-").FullName);

    /// <summary>A path outside <see cref="Root"/> for an archive of it.</summary>
    public string ScratchFile(string name) => Path.Combine(_parent, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(_parent, recursive: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // A leftover temp directory is harmless; the answer must not fail because of it.
        }
    }
}
