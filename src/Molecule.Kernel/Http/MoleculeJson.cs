using System.Text.Encodings.Web;
using System.Text.Json;

namespace Molecule.Kernel.Http;

/// <summary>Wire JSON settings shared by every module (spec/api-contract.md §0).</summary>
public static class MoleculeJson
{
    /// <summary>Compact output, raw UTF-8 for non-ASCII text.</summary>
    public static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    /// <summary>
    /// Applies the wire conventions to a serializer options instance: snake_case names are spelled
    /// out on DTOs, so only encoding and case-insensitive reads (Go's decoder matches keys
    /// case-insensitively) are set here.
    /// </summary>
    public static void Configure(JsonSerializerOptions options)
    {
        options.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        options.PropertyNameCaseInsensitive = true;
        options.WriteIndented = false;
    }
}
