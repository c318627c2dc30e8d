using System.Net;
using Molecule.Testing;
using Npgsql;

namespace Molecule.IntegrationTests.Host;

public sealed class HealthTests : IClassFixture<MoleculeApp>
{
    private readonly MoleculeApp _app;

    public HealthTests(MoleculeApp app) => _app = app;

    [Fact]
    public async Task Health_answers_ok_after_migrations_ran()
    {
        var response = await _app.Client().GetAsync("/health");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.ToString().ShouldBe("application/json; charset=utf-8");
        var body = await response.Content.ReadAsStringAsync();
        body.ShouldContain("\"status\":\"ok\"");
        body.ShouldContain("\"postgres\":\"ok\"");
    }

    [Fact]
    public async Task Health_answers_503_naming_postgres_when_the_database_is_gone()
    {
        await using var app = await MoleculeApp.StartAsync(new Dictionary<string, string?>());
        (await app.Client().GetAsync("/health")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var database = new Uri(app.DatabaseUrl).AbsolutePath.TrimStart('/');
        await using (var admin = new NpgsqlConnection(Kernel.Data.PostgresUrl.ToConnectionString(TestDatabase.ServerUrl)))
        {
            await admin.OpenAsync();
            // Dropping a database waits for a checkpoint, which can take long on a busy machine.
            await using var drop = new NpgsqlCommand($"DROP DATABASE {database} WITH (FORCE)", admin) { CommandTimeout = 180 };
            await drop.ExecuteNonQueryAsync();
        }

        var response = await app.Client().GetAsync("/health");

        response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        var body = await response.Content.ReadAsStringAsync();
        body.ShouldContain("\"status\":\"degraded\"");
        body.ShouldContain("\"postgres\":\"unreachable\"");
    }
}
