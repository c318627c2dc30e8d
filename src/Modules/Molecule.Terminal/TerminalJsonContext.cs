using System.Text.Json;
using System.Text.Json.Serialization;
using Molecule.Kernel.Http;
using Molecule.Terminal.Diagnose;

namespace Molecule.Terminal;

[JsonSerializable(typeof(TerminalDiagnosis))]
internal sealed partial class TerminalJsonContext : JsonSerializerContext
{
    /// <summary>The module's wire settings (raw UTF-8, compact).</summary>
    public static TerminalJsonContext Wire { get; } = CreateWire();

    private static TerminalJsonContext CreateWire()
    {
        var options = new JsonSerializerOptions();
        MoleculeJson.Configure(options);
        return new TerminalJsonContext(options);
    }
}
