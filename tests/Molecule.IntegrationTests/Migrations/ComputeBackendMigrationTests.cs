using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Molecule.Kernel.Data;
using Molecule.Testing;
using Npgsql;

namespace Molecule.IntegrationTests.Migrations;

/// <summary>0002 backfills compute_backend from what a row already was, before the column existed.</summary>
public sealed class ComputeBackendMigrationTests
{
    private const string Migration = "0002_compute_backend.sql";

    [Fact]
    public async Task Rows_with_an_instance_become_ec2_and_every_other_row_docker()
    {
        var shipped = Kernel.Data.Migration.FromEmbeddedResources(typeof(Program).Assembly);
        await using var db = NpgsqlDataSource.Create(PostgresUrl.ToConnectionString(await TestDatabase.CreateAsync()));
        var runner = new MigrationRunner(db, NullLogger<MigrationRunner>.Instance);
        await runner.ApplyAsync([.. shipped.Where(migration => string.CompareOrdinal(migration.Name, Migration) < 0)]);

        var (onEc2, onDocker, blankInstance) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        await using (var connection = await db.OpenConnectionAsync())
        {
            await connection.ExecuteAsync(
                """
                INSERT INTO workspaces (id, name, instance_id) VALUES
                    (@onEc2, 'ec2', 'i-0abc'), (@onDocker, 'docker', NULL), (@blankInstance, 'blank', '')
                """,
                new { onEc2, onDocker, blankInstance });
        }

        await runner.ApplyAsync(shipped);

        await using var check = await db.OpenConnectionAsync();
        var backends = (await check.QueryAsync<(Guid Id, string Backend)>("SELECT id, compute_backend FROM workspaces"))
            .ToDictionary(row => row.Id, row => row.Backend);
        backends[onEc2].ShouldBe("ec2");
        backends[onDocker].ShouldBe("docker");
        backends[blankInstance].ShouldBe("docker");
        (await check.ExecuteScalarAsync<string>(
            "SELECT is_nullable FROM information_schema.columns WHERE table_name = 'workspaces' AND column_name = 'compute_backend'")).ShouldBe("NO");
    }
}
