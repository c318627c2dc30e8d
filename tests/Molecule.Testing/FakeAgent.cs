using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Molecule.Testing;

/// <summary>
/// A real HTTP agent on 127.0.0.1 (an ephemeral port) for the proxy to call: it records every request
/// body and answers with whatever the test says.
/// </summary>
public sealed class FakeAgent : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<JsonObject> _received = new();

    private FakeAgent(WebApplication app) => _app = app;

    public string Url { get; private set; } = "";

    public IReadOnlyList<JsonObject> Received => [.. _received];

    /// <summary>Answers every POST with <paramref name="handler"/>.</summary>
    public static async Task<FakeAgent> StartAsync(Func<HttpContext, JsonObject, Task> handler)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var agent = new FakeAgent(app);
        app.MapPost("/{**path}", async context =>
        {
            var body = await JsonNode.ParseAsync(context.Request.Body) as JsonObject ?? [];
            agent._received.Enqueue(body);
            await handler(context, body);
        });
        await app.StartAsync();
        agent.Url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return agent;
    }

    /// <summary>An agent that echoes the JSON-RPC id with a fixed result.</summary>
    public static Task<FakeAgent> ReplyingAsync(JsonObject result, int status = 200) =>
        StartAsync(async (context, request) =>
        {
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(new JsonObject
            {
                ["jsonrpc"] = "2.0",
                ["id"] = request["id"]?.DeepClone(),
                ["result"] = result.DeepClone(),
            }.ToJsonString());
        });

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
