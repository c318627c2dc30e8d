using System.Reflection;
using System.Security.Cryptography;
using System.Text;

namespace Molecule.Kernel.Data;

/// <summary>One forward-only SQL migration file.</summary>
public sealed record Migration(string Name, string Sql)
{
    /// <summary>Files that must not run inside our wrapping transaction say so on a line of their own.</summary>
    public const string NoTransactionMarker = "-- molecule:no-transaction";

    public string Checksum { get; } = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Sql)));

    public bool RunsInTransaction => !Sql.Contains(NoTransactionMarker, StringComparison.Ordinal);

    /// <summary>Every <c>migrations/*.sql</c> embedded in <paramref name="assembly"/>, in name order.</summary>
    public static IReadOnlyList<Migration> FromEmbeddedResources(Assembly assembly)
    {
        const string prefix = "migrations/";
        var migrations = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(prefix, StringComparison.Ordinal) || !resource.EndsWith(".sql", StringComparison.Ordinal))
            {
                continue;
            }

            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream, Encoding.UTF8);
            migrations.Add(new Migration(resource[prefix.Length..], reader.ReadToEnd()));
        }

        migrations.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return migrations;
    }
}
