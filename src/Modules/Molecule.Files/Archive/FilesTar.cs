using System.Formats.Tar;

namespace Molecule.Files.Archive;

/// <summary>
/// Tars for the engine's archive API. Entry names are relative to the directory the engine unpacks
/// at (the reference named them <c>/configs/…</c> and so wrote into <c>/configs/configs/…</c>); the
/// engine creates missing parent directories itself, so only files go in.
/// </summary>
internal static class FilesTar
{
    /// <summary>rw-r--r--: the agent (often not root) can read what we write.</summary>
    public const UnixFileMode FileMode =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    /// <summary>Writes <paramref name="files"/> as regular-file entries into <paramref name="destination"/>, which stays open.</summary>
    public static async Task WriteAsync(Stream destination, IEnumerable<ArchiveFile> files, DateTimeOffset modifiedAt, CancellationToken cancellationToken)
    {
        await using var writer = new TarWriter(destination, TarEntryFormat.Pax, leaveOpen: true);
        foreach (var file in files)
        {
            if (!IsRelativeEntryName(file.Name))
            {
                throw new ArgumentException($"tar entry names must be relative and free of '..': {file.Name}", nameof(files));
            }

            file.Content.Position = 0;
            var entry = new PaxTarEntry(TarEntryType.RegularFile, file.Name)
            {
                Mode = FileMode,
                ModificationTime = modifiedAt,
                DataStream = file.Content,
            };
            await writer.WriteEntryAsync(entry, cancellationToken);
        }
    }

    /// <summary>An in-memory tar of <paramref name="files"/>, positioned at its start.</summary>
    public static async Task<MemoryStream> ToMemoryAsync(IEnumerable<ArchiveFile> files, DateTimeOffset modifiedAt, CancellationToken cancellationToken)
    {
        var tar = new MemoryStream();
        await WriteAsync(tar, files, modifiedAt, cancellationToken);
        tar.Position = 0;
        return tar;
    }

    /// <summary>
    /// The first entry of a tar the engine sent for a single path. Its data is not copied: it reads
    /// from the reader's stream until the next entry is asked for. Null when the tar is empty.
    /// </summary>
    public static async Task<TarEntry?> ReadFirstEntryAsync(TarReader reader, CancellationToken cancellationToken) =>
        await reader.GetNextEntryAsync(copyData: false, cancellationToken);

    public static bool IsRegularFile(TarEntry entry) =>
        entry.EntryType is TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile;

    private static bool IsRelativeEntryName(string name) =>
        name.Length > 0 && name[0] != '/' && !name.Split('/').Any(segment => segment is "" or "." or "..");
}
