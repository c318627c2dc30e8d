using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Molecule.IntegrationTests.Docker;

/// <summary>
/// Just enough of the platform's registry for the test agent to talk to: it records every
/// register and heartbeat call (path, bearer, JSON body) on loopback.
/// </summary>
internal sealed class FakePlatform : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Channel<(string Path, string? Authorization, JsonNode? Body)> _calls = Channel.CreateUnbounded<(string, string?, JsonNode?)>();

    private FakePlatform(WebApplication app) => _app = app;

    public string Url { get; private set; } = "";

    public static async Task<FakePlatform> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var platform = new FakePlatform(app);
        app.MapPost("/registry/{action}", async (HttpContext context, string action) =>
        {
            var body = await JsonNode.ParseAsync(context.Request.Body);
            await platform._calls.Writer.WriteAsync(($"/registry/{action}", context.Request.Headers.Authorization.ToString(), body));
            return Results.Json(action == "register" ? new { status = "registered" } : new { status = "ok" });
        });
        await app.StartAsync();
        platform.Url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return platform;
    }

    public async Task<(string Path, string? Authorization, JsonNode? Body)> NextCallAsync(CancellationToken cancellationToken) =>
        await _calls.Reader.ReadAsync(cancellationToken);

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
