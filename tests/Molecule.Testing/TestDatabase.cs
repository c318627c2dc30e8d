using Npgsql;

namespace Molecule.Testing;

/// <summary>
/// A fresh, empty database per test app on the Postgres that scripts/test.sh started
/// (<c>MOLECULE_TEST_DATABASE_URL</c>), so tests never see each other's rows.
/// </summary>
public static class TestDatabase
{
    public const string ServerUrlVariable = "MOLECULE_TEST_DATABASE_URL";

    public static string ServerUrl =>
        Environment.GetEnvironmentVariable(ServerUrlVariable) is { Length: > 0 } url
            ? url
            : throw new InvalidOperationException(
                $"{ServerUrlVariable} is not set: run the tests through scripts/test.sh, which starts Postgres");

    /// <summary>Creates a new database and returns its DATABASE_URL.</summary>
    public static async Task<string> CreateAsync()
    {
        var name = "t_" + Guid.NewGuid().ToString("N");
        var admin = new Uri(ServerUrl);
        await using (var connection = new NpgsqlConnection(Kernel.Data.PostgresUrl.ToConnectionString(ServerUrl)))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync();
        }

        var builder = new UriBuilder(admin) { Path = "/" + name };
        return builder.Uri.ToString();
    }
}
