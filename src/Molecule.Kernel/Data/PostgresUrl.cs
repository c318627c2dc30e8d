using Npgsql;

namespace Molecule.Kernel.Data;

/// <summary>
/// Turns the reference's <c>DATABASE_URL</c> (<c>postgres://user:pass@host:port/db?sslmode=disable</c>)
/// into an Npgsql connection string. A keyword connection string passes through unchanged.
/// </summary>
public static class PostgresUrl
{
    public static string ToConnectionString(string databaseUrl)
    {
        if (!databaseUrl.StartsWith("postgres://", StringComparison.Ordinal) &&
            !databaseUrl.StartsWith("postgresql://", StringComparison.Ordinal))
        {
            return databaseUrl;
        }

        var uri = new Uri(databaseUrl);
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.IsDefaultPort || uri.Port <= 0 ? 5432 : uri.Port,
            Database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/')),
        };
        var userInfo = uri.UserInfo.Split(':', 2);
        if (userInfo[0].Length > 0)
        {
            builder.Username = Uri.UnescapeDataString(userInfo[0]);
        }

        if (userInfo.Length == 2)
        {
            builder.Password = Uri.UnescapeDataString(userInfo[1]);
        }

        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var (key, value) = pair.Split('=', 2) is [var k, var v] ? (k, Uri.UnescapeDataString(v)) : (pair, "");
            if (key == "sslmode")
            {
                builder.SslMode = value switch
                {
                    "disable" => SslMode.Disable,
                    "require" => SslMode.Require,
                    "verify-ca" => SslMode.VerifyCA,
                    "verify-full" => SslMode.VerifyFull,
                    _ => SslMode.Prefer,
                };
            }
        }

        return builder.ConnectionString;
    }
}
