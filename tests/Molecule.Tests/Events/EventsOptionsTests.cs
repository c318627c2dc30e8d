using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Molecule.Events;

namespace Molecule.Tests.Events;

public sealed class EventsOptionsTests
{
    private static EventsOptions Resolve(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddEvents(configuration).BuildServiceProvider();
        return services.GetRequiredService<IOptions<EventsOptions>>().Value;
    }

    [Fact]
    public void Defaults_keep_the_reference_buffer_sizes()
    {
        var options = Resolve([]);

        options.WebSocketClientBuffer.ShouldBe(256);
        options.SseClientBuffer.ShouldBe(64);
        options.WebSocketKeepAlive.ShouldBeGreaterThan(TimeSpan.Zero);
    }

    [Fact]
    public void Settings_are_read_from_their_environment_names()
    {
        var options = Resolve(new()
        {
            ["WS_KEEPALIVE_SECONDS"] = "5",
            ["WS_KEEPALIVE_TIMEOUT_SECONDS"] = "3",
            ["WS_CLIENT_BUFFER"] = "16",
            ["SSE_CLIENT_BUFFER"] = "8",
            ["SSE_KEEPALIVE_SECONDS"] = "0",
            ["WS_ACCESS_CACHE_SECONDS"] = "0",
        });

        options.WebSocketKeepAlive.ShouldBe(TimeSpan.FromSeconds(5));
        options.WebSocketPongTimeout.ShouldBe(TimeSpan.FromSeconds(3));
        options.WebSocketSendTimeout.ShouldBe(TimeSpan.FromSeconds(3));
        options.WebSocketClientBuffer.ShouldBe(16);
        options.SseClientBuffer.ShouldBe(8);
        options.SseKeepAlive.ShouldBe(Timeout.InfiniteTimeSpan);
        options.WebSocketAccessCache.ShouldBe(TimeSpan.Zero);
    }

    [Fact]
    public void Without_pings_there_is_no_pong_deadline_but_sends_still_have_one()
    {
        var options = Resolve(new() { ["WS_KEEPALIVE_SECONDS"] = "0", ["WS_KEEPALIVE_TIMEOUT_SECONDS"] = "7" });

        options.WebSocketKeepAlive.ShouldBe(TimeSpan.Zero);
        options.WebSocketPongTimeout.ShouldBe(Timeout.InfiniteTimeSpan);
        options.WebSocketSendTimeout.ShouldBe(TimeSpan.FromSeconds(7));
    }

    [Theory]
    [InlineData("WS_KEEPALIVE_SECONDS", "-1")]
    [InlineData("WS_KEEPALIVE_TIMEOUT_SECONDS", "0")]
    [InlineData("WS_CLIENT_BUFFER", "0")]
    [InlineData("SSE_CLIENT_BUFFER", "100000")]
    [InlineData("SSE_KEEPALIVE_SECONDS", "86400")]
    [InlineData("WS_ACCESS_CACHE_SECONDS", "-5")]
    public void Out_of_range_settings_are_refused_naming_the_variable(string name, string value)
    {
        var failure = Should.Throw<OptionsValidationException>(() => Resolve(new() { [name] = value }));

        failure.Message.ShouldContain(name);
    }
}
