using Molecule.Testing;

namespace Molecule.IntegrationTests.Events;

public sealed class EventSocketOriginTests(CorsRestrictedApp app) : IClassFixture<CorsRestrictedApp>
{
    [Theory]
    [InlineData("https://evil.example")]
    [InlineData("http://localhost:3001")]
    public async Task An_origin_outside_CORS_ORIGINS_is_refused(string origin)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));

        var refused = await Should.ThrowAsync<InvalidOperationException>(() =>
            EventsTestKit.ConnectAsync(app, new Dictionary<string, string> { ["Origin"] = origin }, timeout.Token));

        refused.Message.ShouldContain("403");
    }

    [Theory]
    [InlineData("HTTP://LOCALHOST:3000")]
    [InlineData("https://canvas.example.com")]
    [InlineData("http://localhost")] // the server's own scheme://host, as SDKs send it
    public async Task A_listed_origin_or_the_server_itself_connects(string origin)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));

        using var socket = await EventsTestKit.ConnectAsync(app, new Dictionary<string, string> { ["Origin"] = origin }, timeout.Token);

        socket.State.ShouldBe(System.Net.WebSockets.WebSocketState.Open);
    }
}
