using Molecule.Testing;

namespace Molecule.IntegrationTests.Host;

public sealed class ConfigurationTests
{
    [Theory]
    [InlineData("PORT", "abc", "PORT must be a whole number from 1 to 65535 (got 'abc')")]
    [InlineData("PORT", "70000", "PORT must be a whole number")]
    [InlineData("RATE_LIMIT", "-1", "RATE_LIMIT must be a whole number of requests per minute, at least 1 (got '-1')")]
    [InlineData("RATE_LIMIT", "0", "RATE_LIMIT must be")]
    [InlineData("CORS_ORIGINS", "*", "CORS_ORIGINS entries must be origins")]
    [InlineData("PLATFORM_URL", "not a url", "PLATFORM_URL must be an absolute http or https URL")]
    public async Task Invalid_settings_refuse_to_start_naming_the_variable(string variable, string value, string message)
    {
        var app = new MoleculeApp { Settings = { [variable] = value } };
        try
        {
            var failure = await Should.ThrowAsync<Exception>(app.InitializeAsync);

            failure.ToString().ShouldContain(message);
        }
        finally
        {
            await ((IAsyncLifetime)app).DisposeAsync();
        }
    }

    [Fact]
    public async Task Valid_settings_start()
    {
        await using var app = await MoleculeApp.StartAsync(new Dictionary<string, string?>
        {
            ["PORT"] = "9090",
            ["RATE_LIMIT"] = "1200",
            ["PLATFORM_URL"] = "http://host.docker.internal:9090",
            ["CORS_ORIGINS"] = "http://localhost:3000,https://canvas.example.com",
        });

        var response = await app.Client().GetAsync("/health");

        response.Headers.GetValues("X-RateLimit-Limit").ShouldBe(["1200"]);
    }
}
