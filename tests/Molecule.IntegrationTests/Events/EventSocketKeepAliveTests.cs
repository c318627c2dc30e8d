using System.Net.WebSockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Molecule.Events.EventSocket;
using Molecule.Kernel.Events;
using Molecule.Testing;

namespace Molecule.IntegrationTests.Events;

/// <summary>Keep-alive needs real sockets: the in-memory test server has no pings.</summary>
public sealed class EventSocketKeepAliveTests(FastKeepAliveApp app) : IClassFixture<FastKeepAliveApp>
{
    [Fact]
    public async Task A_client_that_stops_answering_pings_is_dropped_while_a_live_one_stays()
    {
        // An explicit loopback URL keeps the host from also binding its default PORT (8080).
        await using var kestrel = app.WithWebHostBuilder(builder => builder
            .UseSetting(WebHostDefaults.ServerUrlsKey, "http://127.0.0.1:0")
            .ConfigureServices(services => services.AddSingleton<IStartupFilter, WebSocketsFirst>()));
        kestrel.UseKestrel(0);
        kestrel.StartServer();
        var address = kestrel.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var endpoint = new Uri(address.Replace("http://", "ws://", StringComparison.Ordinal) + "/ws");
        var hub = kestrel.Services.GetRequiredService<EventSocketHub>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));

        // Pongs are only sent while a receive is pending: the dead client never reads.
        using var dead = new ClientWebSocket();
        dead.Options.KeepAliveInterval = TimeSpan.Zero;
        await dead.ConnectAsync(endpoint, timeout.Token);
        using var live = new ClientWebSocket();
        live.Options.KeepAliveInterval = TimeSpan.Zero;
        await live.ConnectAsync(endpoint, timeout.Token);
        var liveReceives = EventsTestKit.ReceiveTextAsync(live, timeout.Token);

        await Eventually.UntilAsync(() => hub.ConnectedClients == 2, "two clients connected", TimeSpan.FromSeconds(5));
        await Eventually.UntilAsync(() => hub.ConnectedClients == 1, "the silent client dropped", TimeSpan.FromSeconds(15));

        var workspace = Guid.NewGuid();
        await kestrel.Services.GetRequiredService<IEventPublisher>().BroadcastOnlyAsync(EventTypes.TaskUpdated, workspace, [], timeout.Token);
        (await liveReceives).ShouldContain(workspace.ToString());
    }

    /// <summary>
    /// The host's WebSocket middleware, in case this host has none yet; a second instance further in
    /// steps aside because the first already set the feature. The hub's own keep-alive settings apply.
    /// </summary>
    private sealed class WebSocketsFirst : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.UseWebSockets();
            next(app);
        };
    }
}
