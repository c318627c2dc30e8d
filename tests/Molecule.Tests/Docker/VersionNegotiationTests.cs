using System.Net;
using Molecule.Docker;
using Molecule.Docker.Transport;

namespace Molecule.Tests.Docker;

public sealed class VersionNegotiationTests
{
    private readonly FakeEngineHandler _handler = new();

    [Fact]
    public async Task The_version_is_negotiated_once_and_used_as_the_path_prefix()
    {
        _handler.ApiVersion = "1.43";
        _handler.Answer(HttpStatusCode.OK, RecordedResponses.RunningContainer);
        var engine = FakeEngine.Create(_handler);

        await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => engine.InspectContainerAsync("rec1")));
        await engine.InspectContainerAsync("rec1");

        _handler.Requests.Count(r => r.Path == "/_ping").ShouldBe(1);
        _handler.Calls.ShouldAllBe(c => c.Path.StartsWith("/v1.43/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_newer_daemon_is_spoken_to_at_the_newest_version_this_client_knows()
    {
        _handler.ApiVersion = "1.52";
        _handler.Answer(HttpStatusCode.OK, RecordedResponses.RunningContainer);

        await FakeEngine.Create(_handler).InspectContainerAsync("rec1");

        _handler.LastCall.Path.ShouldStartWith($"/v{ApiVersion.Newest}/");
    }

    [Fact]
    public async Task A_pinned_version_skips_the_ping()
    {
        _handler.Answer(HttpStatusCode.OK, RecordedResponses.RunningContainer);

        await FakeEngine.Create(_handler, new DockerOptions { ApiVersion = "1.44" }).InspectContainerAsync("rec1");

        _handler.Requests.ShouldHaveSingleItem().Path.ShouldBe("/v1.44/containers/rec1/json");
    }

    [Fact]
    public async Task A_failed_negotiation_is_retried_on_the_next_call()
    {
        var pingFails = true;
        var handler = new FakeEngineHandler { ApiVersion = null };
        handler.Answer(HttpStatusCode.OK, RecordedResponses.RunningContainer);
        var engine = FakeEngine.Create(new FailingPingHandler(handler, () => pingFails));

        await Should.ThrowAsync<DockerApiException>(() => engine.InspectContainerAsync("rec1"));
        pingFails = false;
        await engine.InspectContainerAsync("rec1");

        handler.LastCall.Path.ShouldBe($"/v{ApiVersion.Fallback}/containers/rec1/json"); // no Api-Version header: the fallback
    }

    [Theory]
    [InlineData("1.41", "1.41")]
    [InlineData("1.9", "1.9")]
    [InlineData("2.0", "1.47")]
    [InlineData("garbage", "1.41")]
    [InlineData(null, "1.41")]
    public void Negotiation_takes_the_lower_of_daemon_and_client(string? server, string expected) =>
        ApiVersion.Negotiate(server).ToString().ShouldBe(expected);

    [Fact]
    public void Versions_order_numerically()
    {
        ApiVersion.TryParse("1.9", out var older).ShouldBeTrue();
        ApiVersion.TryParse("1.41", out var newer).ShouldBeTrue();

        older.CompareTo(newer).ShouldBeLessThan(0);
        ApiVersion.TryParse("1", out _).ShouldBeFalse();
        ApiVersion.TryParse("1.x", out _).ShouldBeFalse();
        ApiVersion.TryParse("-1.2", out _).ShouldBeFalse();
    }

    /// <summary>Answers the ping with a 500 while <c>fails</c> says so, otherwise passes everything on.</summary>
    private sealed class FailingPingHandler(FakeEngineHandler inner, Func<bool> fails) : FakeEngineHandlerDecorator(inner)
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            request.RequestUri!.AbsolutePath == "/_ping" && fails()
                ? Task.FromResult(FakeEngineHandler.Response(HttpStatusCode.InternalServerError, """{"message":"daemon starting"}"""))
                : base.SendAsync(request, cancellationToken);
    }
}

internal class FakeEngineHandlerDecorator(HttpMessageHandler inner) : DelegatingHandler(inner);
