using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Molecule.Kernel.Data;
using Molecule.Testing;
using Npgsql;

namespace Molecule.IntegrationTests.Migrations;

/// <summary>The boot-time migration runner against real, empty Postgres databases.</summary>
public sealed class MigrationRunnerTests
{
    private static readonly IReadOnlyList<Migration> Shipped = Migration.FromEmbeddedResources(typeof(Program).Assembly);

    [Fact]
    public async Task The_shipped_migrations_apply_once_and_a_second_boot_changes_nothing()
    {
        await using var db = await FreshDatabaseAsync();

        await Runner(db).ApplyAsync(Shipped);
        var recorded = await RecordedAsync(db);
        await Runner(db).ApplyAsync(Shipped);

        Shipped.ShouldNotBeEmpty();
        recorded.Select(r => r.Filename).ShouldBe(Shipped.Select(m => m.Name));
        recorded.Select(r => r.Checksum).ShouldBe(Shipped.Select(m => m.Checksum));
        (await RecordedAsync(db)).ShouldBe(recorded);
        await using var connection = await db.OpenConnectionAsync();
        var statuses = await connection.QueryAsync<string>("SELECT unnest(enum_range(NULL::workspace_status))::text");
        statuses.ShouldBe(["provisioning", "online", "offline", "degraded", "failed", "removed", "paused", "hibernated", "awaiting_agent", "hibernating"]);
    }

    [Fact]
    public async Task Migrations_run_in_name_order()
    {
        await using var db = await FreshDatabaseAsync();
        Migration[] unordered =
        [
            new("0002_second.sql", "INSERT INTO trail VALUES ('second');"),
            new("0001_first.sql", "CREATE TABLE trail (step TEXT); INSERT INTO trail VALUES ('first');"),
        ];

        await Runner(db).ApplyAsync([.. unordered.OrderBy(m => m.Name, StringComparer.Ordinal)]);

        await using var connection = await db.OpenConnectionAsync();
        (await connection.QueryAsync<string>("SELECT step FROM trail")).ShouldBe(["first", "second"]);
        Migration.FromEmbeddedResources(typeof(Program).Assembly).Select(m => m.Name).ShouldBeInOrder(SortDirection.Ascending, StringComparer.Ordinal);
    }

    [Fact]
    public async Task Two_servers_booting_at_once_apply_each_migration_exactly_once()
    {
        await using var db = await FreshDatabaseAsync();
        Migration[] migrations =
        [
            new("0001_counter.sql", "CREATE TABLE applied (n INT); INSERT INTO applied VALUES (1);"),
            new("0002_more.sql", "SELECT pg_sleep(0.2); INSERT INTO applied VALUES (2);"),
        ];

        await Task.WhenAll(Runner(db).ApplyAsync(migrations), Runner(db).ApplyAsync(migrations), Runner(db).ApplyAsync(migrations));

        await using var connection = await db.OpenConnectionAsync();
        (await connection.QueryAsync<int>("SELECT n FROM applied ORDER BY n")).ShouldBe([1, 2]);
        (await RecordedAsync(db)).Count.ShouldBe(2);
    }

    [Fact]
    public async Task A_file_changed_after_it_was_applied_stops_the_boot()
    {
        await using var db = await FreshDatabaseAsync();
        await Runner(db).ApplyAsync([new Migration("0001_table.sql", "CREATE TABLE t (a INT);")]);

        var failure = await Should.ThrowAsync<InvalidOperationException>(
            Runner(db).ApplyAsync([new Migration("0001_table.sql", "CREATE TABLE t (a INT, b INT);")]));

        failure.Message.ShouldContain("0001_table.sql");
        failure.Message.ShouldContain("changed after it was applied");
    }

    [Fact]
    public async Task A_failing_file_leaves_nothing_behind_and_is_not_recorded()
    {
        await using var db = await FreshDatabaseAsync();
        Migration[] migrations =
        [
            new("0001_ok.sql", "CREATE TABLE ok (a INT);"),
            new("0002_broken.sql", "CREATE TABLE half (a INT); INSERT INTO no_such_table VALUES (1);"),
        ];

        await Should.ThrowAsync<PostgresException>(Runner(db).ApplyAsync(migrations));

        await using var connection = await db.OpenConnectionAsync();
        (await connection.ExecuteScalarAsync<string?>("SELECT to_regclass('half')::text")).ShouldBeNull();
        (await RecordedAsync(db)).Select(r => r.Filename).ShouldBe(["0001_ok.sql"]);
    }

    [Fact]
    public async Task A_file_marked_no_transaction_can_use_statements_a_transaction_forbids()
    {
        await using var db = await FreshDatabaseAsync();
        Migration[] migrations =
        [
            new("0001_table.sql", "CREATE TABLE big (a INT);"),
            new("0002_index.sql", Migration.NoTransactionMarker + "\nCREATE INDEX CONCURRENTLY big_a ON big (a);"),
        ];

        await Runner(db).ApplyAsync(migrations);

        await using var connection = await db.OpenConnectionAsync();
        (await connection.ExecuteScalarAsync<string?>("SELECT to_regclass('big_a')::text")).ShouldBe("big_a");
    }

    private static MigrationRunner Runner(NpgsqlDataSource db) => new(db, NullLogger<MigrationRunner>.Instance);

    private static async Task<NpgsqlDataSource> FreshDatabaseAsync() =>
        NpgsqlDataSource.Create(PostgresUrl.ToConnectionString(await TestDatabase.CreateAsync()));

    private static async Task<List<(string Filename, string Checksum)>> RecordedAsync(NpgsqlDataSource db)
    {
        await using var connection = await db.OpenConnectionAsync();
        return (await connection.QueryAsync<(string, string)>("SELECT filename, checksum FROM schema_migrations ORDER BY filename")).ToList();
    }
}
