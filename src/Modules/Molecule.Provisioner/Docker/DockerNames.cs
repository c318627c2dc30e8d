using System.Text.RegularExpressions;

namespace Molecule.Provisioner.Docker;

/// <summary>Name rules the engine enforces, checked early so a bad setting fails at start.</summary>
internal static partial class DockerNames
{
    public static bool IsValidNetwork(string name) => NetworkName().IsMatch(name);

    [GeneratedRegex("^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,127}$")]
    private static partial Regex NetworkName();
}
