using System.Text.Json;
using System.Text.Json.Serialization;
using Molecule.Kernel.Http;

namespace Molecule.Files.Http;

/// <summary>Body of PUT /files/{path}: the whole new content (may be empty, must be present).</summary>
internal sealed record WriteFileRequest([property: JsonPropertyName("content")] string? Content);

/// <summary>Body of PUT /files: relative path → content.</summary>
internal sealed record ReplaceFilesRequest([property: JsonPropertyName("files")] Dictionary<string, string?>? Files);

internal sealed record FileContent(
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("content")] string Content,
    [property: JsonPropertyName("size")] long Size);

/// <summary><c>{status:"saved"|"deleted", path}</c>.</summary>
internal sealed record FileChanged(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("path")] string Path);

internal sealed record FilesReplaced(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("workspace")] string Workspace,
    [property: JsonPropertyName("files")] int Files,
    [property: JsonPropertyName("source")] string Source);

internal sealed record SharedContextFile(
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("content")] string Content);

internal sealed record UploadedChatFile(
    [property: JsonPropertyName("uri")] string Uri,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("mimeType"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? MimeType,
    [property: JsonPropertyName("size")] long Size);

internal sealed record ChatUploadsResponse([property: JsonPropertyName("files")] IReadOnlyList<UploadedChatFile> Files);

[JsonSerializable(typeof(WriteFileRequest))]
[JsonSerializable(typeof(ReplaceFilesRequest))]
[JsonSerializable(typeof(IReadOnlyList<FileEntry>))]
[JsonSerializable(typeof(FileContent))]
[JsonSerializable(typeof(FileChanged))]
[JsonSerializable(typeof(FilesReplaced))]
[JsonSerializable(typeof(IReadOnlyList<SharedContextFile>))]
[JsonSerializable(typeof(ChatUploadsResponse))]
internal sealed partial class FilesJsonContext : JsonSerializerContext
{
    /// <summary>The wire settings (spec/api-contract.md §0) over the generated metadata.</summary>
    public static FilesJsonContext Wire { get; } = new(CreateWireOptions());

    private static JsonSerializerOptions CreateWireOptions()
    {
        var options = new JsonSerializerOptions();
        MoleculeJson.Configure(options);
        return options;
    }
}
