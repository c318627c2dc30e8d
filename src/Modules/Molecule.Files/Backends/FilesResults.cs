using Molecule.Files.Archive;

namespace Molecule.Files.Backends;

/// <summary>How a write, delete or staging went.</summary>
internal enum FilesStatus
{
    Done,
    /// <summary>The operation needs the running container and there is none.</summary>
    NotRunning,
    /// <summary>The compute backend itself cannot be reached (no Docker engine).</summary>
    Unavailable,
    Failed,
}

/// <summary>
/// The result of a write, delete or staging. <paramref name="Source"/> says where a write landed
/// (<c>container</c> or <c>volume</c>); <paramref name="Error"/> is safe to return to the caller.
/// </summary>
internal sealed record FilesOutcome(FilesStatus Status, string? Source = null, string? Error = null)
{
    public static readonly FilesOutcome NotRunning = new(FilesStatus.NotRunning);

    public static FilesOutcome Done(string source) => new(FilesStatus.Done, source);

    public static FilesOutcome Unavailable(string error) => new(FilesStatus.Unavailable, Error: error);

    public static FilesOutcome Failed(string error) => new(FilesStatus.Failed, Error: error);
}

/// <summary>Files to write under <paramref name="Root"/>; <paramref name="ConfigIfMissing"/> is added as config.yaml only when the workspace has none.</summary>
internal sealed record FileBatch(string Root, IReadOnlyList<ArchiveFile> Files, byte[]? ConfigIfMissing = null);

internal enum OpenFileStatus
{
    Opened,
    NotFound,
    NotRegularFile,
    NotRunning,
    Unavailable,
}

/// <summary>An opened file, or why there is none.</summary>
internal sealed record OpenFileResult(OpenFileStatus Status, OpenedFile? File = null)
{
    public static readonly OpenFileResult NotFound = new(OpenFileStatus.NotFound);
    public static readonly OpenFileResult NotRegularFile = new(OpenFileStatus.NotRegularFile);
    public static readonly OpenFileResult NotRunning = new(OpenFileStatus.NotRunning);
    public static readonly OpenFileResult Unavailable = new(OpenFileStatus.Unavailable);
}

/// <summary>A file being read out of a workspace: exactly <paramref name="Size"/> bytes come from <paramref name="Content"/>. Dispose it.</summary>
internal sealed class OpenedFile(string name, long size, Stream content, IAsyncDisposable owner) : IAsyncDisposable
{
    public string Name { get; } = name;

    public long Size { get; } = size;

    public Stream Content { get; } = content;

    public ValueTask DisposeAsync() => owner.DisposeAsync();
}
