using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Molecule.Testing;

namespace Molecule.IntegrationTests.Host;

/// <summary>The real server process, its stdout redirected (not a terminal), as a container or CI runs it.</summary>
public sealed class LogFormatProcessTests
{
    private const string Secret = "tok-77c0de-never-logged";

    [Fact]
    public async Task Off_a_terminal_every_stdout_line_is_a_compact_JSON_event()
    {
        var lines = await RunServerAsync(logFormat: null);

        lines.ShouldNotBeEmpty();
        foreach (var line in lines)
        {
            var json = JsonNode.Parse(line).ShouldBeOfType<JsonObject>($"not a JSON object: {line}");
            json.ContainsKey("@t").ShouldBeTrue(line);
            json.ContainsKey("@mt").ShouldBeTrue(line);
        }

        var request = lines.Select(line => JsonNode.Parse(line)!.AsObject())
            .Single(json => json["SourceContext"]?.GetValue<string>() == "Serilog.AspNetCore.RequestLoggingMiddleware");
        request["@mt"]!.GetValue<string>().ShouldBe("HTTP {RequestMethod} {Route} responded {StatusCode} in {Elapsed:0.000} ms");
        request["RequestMethod"]!.GetValue<string>().ShouldBe("GET");
        request["Route"]!.GetValue<string>().ShouldBe("/health");
        request["StatusCode"]!.GetValue<int>().ShouldBe(200);
        request["Elapsed"]!.GetValue<double>().ShouldBeGreaterThanOrEqualTo(0);
        lines.ShouldNotContain(line => line.Contains(Secret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task LOG_FORMAT_text_gives_one_readable_line_per_event()
    {
        var lines = await RunServerAsync(logFormat: "text");

        lines.ShouldContain(line => line.Contains(" INF Serilog.AspNetCore.RequestLoggingMiddleware: HTTP GET /health responded 200 in ", StringComparison.Ordinal));
        lines.ShouldNotContain(line => line.StartsWith('{'));
        lines.ShouldNotContain(line => line.Contains(Secret, StringComparison.Ordinal));
    }

    /// <summary>Starts the server, asks <c>/health?token=…</c> once it listens, stops it, and returns its stdout lines.</summary>
    private static async Task<IReadOnlyList<string>> RunServerAsync(string? logFormat)
    {
        var port = FreePort();
        var directory = AppContext.BaseDirectory;
        var start = new ProcessStartInfo("dotnet", [Path.Combine(directory, "Molecule.Server.dll")])
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["DATABASE_URL"] = await TestDatabase.CreateAsync();
        start.Environment["PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["Logging__LogLevel__Default"] = "Information";
        start.Environment["DOCKER_HOST"] = $"unix:///tmp/molecule-no-docker-{Guid.NewGuid():N}/docker.sock";
        start.Environment.Remove("LOG_FORMAT");
        if (logFormat is not null)
        {
            start.Environment["LOG_FORMAT"] = logFormat;
        }

        var lines = new ConcurrentQueue<string>();
        using var server = new Process { StartInfo = start };
        server.OutputDataReceived += (_, line) =>
        {
            if (line.Data is { Length: > 0 } text)
            {
                lines.Enqueue(text);
            }
        };
        server.Start();
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(5) };
            await Eventually.UntilAsync(
                async () => !server.HasExited && await ListensAsync(port),
                () => $"the server never answered /health; exited: {server.HasExited}; stdout: {string.Join('\n', lines)}",
                TimeSpan.FromSeconds(60),
                TimeSpan.FromMilliseconds(250));
            var health = await client.GetAsync($"/health?token={Secret}");
            health.StatusCode.ShouldBe(HttpStatusCode.OK);
            await Eventually.UntilAsync(
                () => lines.Any(line => line.Contains("/health", StringComparison.Ordinal) && line.Contains("200", StringComparison.Ordinal)),
                "a request log line for /health");
        }
        finally
        {
            if (!server.HasExited)
            {
                server.Kill(entireProcessTree: true);
            }

            await server.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }

        return [.. lines];
    }

    /// <summary>A bare TCP connect: an HTTP probe would add request events of its own.</summary>
    private static async Task<bool> ListensAsync(int port)
    {
        try
        {
            using var probe = new TcpClient();
            await probe.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
