namespace Molecule.Aws.SecretsManager.Model;

public sealed class Tag
{
    public string? Key { get; set; }

    public string? Value { get; set; }
}
