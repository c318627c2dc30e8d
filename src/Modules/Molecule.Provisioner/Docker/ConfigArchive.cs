using System.Formats.Tar;
using System.Text;

namespace Molecule.Provisioner.Docker;

/// <summary>
/// The tar unpacked into <c>/configs</c> before the container starts: the template directory (paths
/// relative to its root, host modes and times; <c>.sh</c>/<c>.py</c>/<c>.md</c> get LF line ends),
/// then generated files, then the workspace's auth token. Symlinks and special files in a template
/// are skipped so a template cannot smuggle host paths into the container.
/// </summary>
internal static class ConfigArchive
{
    public const string AuthTokenFile = ".auth_token";

    /// <summary>A template is configuration, not data: anything larger is refused rather than copied.</summary>
    public const long MaxTemplateBytes = 64L * 1024 * 1024;

    private const UnixFileMode FileMode =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    private static readonly string[] LineEndingFixed = [".sh", ".py", ".md"];

    /// <summary>True when <paramref name="templateDirectory"/> has a config.yaml at its root.</summary>
    public static bool TemplateHasConfig(string? templateDirectory) =>
        templateDirectory is not null && File.Exists(Path.Combine(templateDirectory, "config.yaml"));

    /// <summary>
    /// <paramref name="files"/> are written after the template (generated config.yaml); the token is
    /// written last, readable by whatever user the agent runs as (0644, as the reference leaves it).
    /// </summary>
    public static MemoryStream Build(string? templateDirectory, IReadOnlyDictionary<string, string> files, string token, DateTimeOffset now)
    {
        var tar = new MemoryStream();
        using (var writer = new TarWriter(tar, TarEntryFormat.Pax, leaveOpen: true))
        {
            if (templateDirectory is not null && Directory.Exists(templateDirectory))
            {
                WriteTemplate(writer, templateDirectory);
            }

            foreach (var (name, content) in files)
            {
                WriteFile(writer, name, Encoding.UTF8.GetBytes(content), FileMode, now);
            }

            WriteFile(writer, AuthTokenFile, Encoding.ASCII.GetBytes(token), FileMode, now);
        }

        tar.Position = 0;
        return tar;
    }

    private static void WriteTemplate(TarWriter writer, string root)
    {
        var options = new EnumerationOptions
        {
            RecurseSubdirectories = true,
            AttributesToSkip = FileAttributes.ReparsePoint,
            IgnoreInaccessible = true,
            ReturnSpecialDirectories = false,
        };
        long total = 0;
        foreach (var path in Directory.EnumerateFileSystemEntries(root, "*", options).Order(StringComparer.Ordinal))
        {
            var name = Path.GetRelativePath(root, path).Replace(Path.DirectorySeparatorChar, '/');
            var info = new FileInfo(path);
            if ((info.Attributes & FileAttributes.Directory) != 0)
            {
                writer.WriteEntry(new PaxTarEntry(TarEntryType.Directory, name + "/")
                {
                    Mode = new DirectoryInfo(path).UnixFileMode,
                    ModificationTime = info.LastWriteTimeUtc,
                });
                continue;
            }

            total += info.Length;
            if (total > MaxTemplateBytes)
            {
                throw new TemplateTooLargeException(root);
            }

            var content = File.ReadAllBytes(path);
            if (LineEndingFixed.Contains(Path.GetExtension(path), StringComparer.Ordinal))
            {
                content = WithLineFeeds(content);
            }

            WriteFile(writer, name, content, info.UnixFileMode, info.LastWriteTimeUtc);
        }
    }

    private static void WriteFile(TarWriter writer, string name, byte[] content, UnixFileMode mode, DateTimeOffset modified)
    {
        writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name)
        {
            Mode = mode,
            ModificationTime = modified,
            DataStream = new MemoryStream(content, writable: false),
        });
    }

    private static byte[] WithLineFeeds(byte[] content)
    {
        var output = new List<byte>(content.Length);
        for (var i = 0; i < content.Length; i++)
        {
            if (content[i] == (byte)'\r' && i + 1 < content.Length && content[i + 1] == (byte)'\n')
            {
                continue;
            }

            output.Add(content[i]);
        }

        return [.. output];
    }
}

/// <summary>A template directory too large to copy into a workspace.</summary>
internal sealed class TemplateTooLargeException(string directory)
    : Exception($"template {directory} is larger than {ConfigArchive.MaxTemplateBytes / (1024 * 1024)} MiB");
