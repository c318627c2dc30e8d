using Molecule.Testing;

namespace Molecule.IntegrationTests.Host;

public sealed class HealthTests : IClassFixture<MoleculeApp>
{
    private readonly MoleculeApp _app;

    public HealthTests(MoleculeApp app) => _app = app;

    [Fact]
    public async Task Health_answers_ok_after_migrations_ran()
    {
        var response = await _app.Client().GetAsync("/health");

        response.IsSuccessStatusCode.ShouldBeTrue();
        (await response.Content.ReadAsStringAsync()).ShouldContain("\"status\":\"ok\"");
    }
}
