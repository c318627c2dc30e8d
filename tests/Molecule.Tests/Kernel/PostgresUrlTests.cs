using Molecule.Kernel.Data;

namespace Molecule.Tests.Kernel;

public sealed class PostgresUrlTests
{
    [Fact]
    public void A_reference_style_url_becomes_an_npgsql_connection_string()
    {
        var cs = PostgresUrl.ToConnectionString("postgres://dev:p%40ss@db.local:6543/molecule?sslmode=disable");

        cs.ShouldContain("Host=db.local");
        cs.ShouldContain("Port=6543");
        cs.ShouldContain("Database=molecule");
        cs.ShouldContain("Username=dev");
        cs.ShouldContain("Password=p@ss");
        cs.ShouldContain("SSL Mode=Disable");
    }

    [Fact]
    public void A_keyword_connection_string_passes_through()
    {
        PostgresUrl.ToConnectionString("Host=x;Database=y").ShouldBe("Host=x;Database=y");
    }
}
