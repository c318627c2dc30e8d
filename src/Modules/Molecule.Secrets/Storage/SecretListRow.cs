namespace Molecule.Secrets.Storage;

/// <summary>A secret's metadata, for lists; the value is never selected.</summary>
internal sealed record SecretListRow(string Key, DateTime CreatedAt, DateTime UpdatedAt);
