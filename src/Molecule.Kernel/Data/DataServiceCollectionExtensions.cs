using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Molecule.Kernel.Data;

public static class DataServiceCollectionExtensions
{
    /// <summary>Registers the one <see cref="NpgsqlDataSource"/> every module shares, and the migration runner.</summary>
    public static IServiceCollection AddMoleculeData(this IServiceCollection services)
    {
        // Resolved lazily so test hosts can supply DATABASE_URL after Program has started composing.
        services.AddSingleton(provider =>
        {
            var databaseUrl = provider.GetRequiredService<IConfiguration>()["DATABASE_URL"];
            if (string.IsNullOrWhiteSpace(databaseUrl))
            {
                throw new InvalidOperationException(
                    "DATABASE_URL is not set: point it at Postgres (postgres://user:pass@host:port/db), or start the server with scripts/run.sh, which starts a local Postgres");
            }

            var builder = new NpgsqlDataSourceBuilder(PostgresUrl.ToConnectionString(databaseUrl)) { Name = "molecule" };
            return builder.Build();
        });
        services.AddSingleton<MigrationRunner>();
        Dapper.DefaultTypeMap.MatchNamesWithUnderscores = true;
        return services;
    }
}
