using System.Net;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Molecule.Testing;

namespace Molecule.IntegrationTests.Host;

public sealed class RequestLoggingTests
{
    private const string Secret = "tok-3f9a1c-never-logged";

    [Fact]
    public async Task A_request_is_logged_with_its_route_template_and_status_and_never_its_path_or_query()
    {
        var capture = new SecretsLogCapture();
        await using var host = await MoleculeApp.StartAsync(new Dictionary<string, string?>
        {
            // Information everywhere (the framework rule aside), so a framework line with the URL would be caught too.
            ["Logging:LogLevel:Default"] = "Information",
            ["ADMIN_TOKEN"] = "request-logging-admin",
        });
        var app = host.WithWebHostBuilder(builder => builder.ConfigureTestServices(services => services.AddSingleton<ILoggerProvider>(capture)));
        var workspace = Guid.NewGuid();
        using var client = app.CreateClient();

        var health = await client.GetAsync($"/health?token={Secret}");
        var read = await client.GetAsync($"/workspaces/{workspace}?token={Secret}&api_key={Secret}");

        health.StatusCode.ShouldBe(HttpStatusCode.OK);
        await Eventually.UntilAsync(
            async () => await Task.FromResult(capture.Lines.Count(line => line.Contains("RequestLoggingMiddleware: HTTP", StringComparison.Ordinal)) >= 2),
            () => $"two request log events; captured: {string.Join('\n', capture.Lines.TakeLast(15))}");
        // Providers render string properties quoted; the console's text format does not (LogFormatProcessTests).
        var lines = capture.Lines;
        lines.ShouldContain(line => line.Contains("Serilog.AspNetCore.RequestLoggingMiddleware: HTTP \"GET\" \"/health\" responded 200 in ", StringComparison.Ordinal));
        lines.ShouldContain(line => line.Contains($"HTTP \"GET\" \"/workspaces/{{id}}\" responded {(int)read.StatusCode} in ", StringComparison.Ordinal));
        lines.ShouldNotContain(line => line.Contains(Secret, StringComparison.Ordinal));
        lines.ShouldNotContain(line => line.Contains(workspace.ToString(), StringComparison.OrdinalIgnoreCase));
        lines.ShouldNotContain(line => line.Contains("token=", StringComparison.Ordinal));
    }
}
