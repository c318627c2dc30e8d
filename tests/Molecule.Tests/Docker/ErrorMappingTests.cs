using System.Net;
using Molecule.Docker;
using Molecule.Docker.Transport;

namespace Molecule.Tests.Docker;

public sealed class ErrorMappingTests
{
    private readonly FakeEngineHandler _handler = new();

    [Fact]
    public async Task Not_found_carries_the_engine_message()
    {
        _handler.Answer(HttpStatusCode.NotFound, """{"message":"No such container: ws-1"}""");

        var error = await Should.ThrowAsync<DockerNotFoundException>(() => FakeEngine.Create(_handler).InspectContainerAsync("ws-1"));

        error.EngineMessage.ShouldBe("No such container: ws-1");
        error.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        error.Message.ShouldContain("No such container: ws-1");
    }

    [Fact]
    public async Task Conflict_carries_the_engine_message()
    {
        const string message = "Conflict. The container name \"/ws-1\" is already in use by container \"abc\". You have to remove (or rename) that container to be able to reuse that name.";
        _handler.Answer(HttpStatusCode.Conflict, $$"""{"message":{{System.Text.Json.JsonSerializer.Serialize(message)}}}""");

        var error = await Should.ThrowAsync<DockerConflictException>(
            () => FakeEngine.Create(_handler).CreateContainerAsync(new DockerContainerSpec { Image = "x", Name = "ws-1" }));

        error.EngineMessage.ShouldBe(message);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest, """{"message":"No exec command specified"}""", "No exec command specified")]
    [InlineData(HttpStatusCode.InternalServerError, "plain text failure\n", "plain text failure")]
    [InlineData(HttpStatusCode.ServiceUnavailable, null, "503 Service Unavailable")]
    [InlineData(HttpStatusCode.Forbidden, """{"other":"shape"}""", """{"other":"shape"}""")]
    public async Task Other_statuses_are_api_errors_with_the_best_message_available(HttpStatusCode status, string? body, string expected)
    {
        _handler.Answer(status, body);

        var error = await Should.ThrowAsync<DockerApiException>(() => FakeEngine.Create(_handler).StartContainerAsync("ws-1"));

        error.ShouldNotBeOfType<DockerNotFoundException>();
        error.StatusCode.ShouldBe(status);
        error.EngineMessage.ShouldBe(expected);
    }

    [Fact]
    public async Task A_missing_socket_is_unavailable_and_names_the_socket()
    {
        var path = $"/tmp/molecule-unit-{Guid.NewGuid():N}.sock";
        using var engine = new DockerEngine(
            DockerTransport.ForUnixSocket(DockerEndpoint.Parse($"unix://{path}")),
            new DockerOptions(),
            Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);

        var ping = await Should.ThrowAsync<DockerUnavailableException>(() => engine.PingAsync());
        var inspect = await Should.ThrowAsync<DockerUnavailableException>(() => engine.InspectContainerAsync("ws-1"));

        ping.Message.ShouldBe($"Docker engine at unix://{path} is unavailable: no socket at {path}");
        inspect.Message.ShouldContain(path);
        ping.InnerException.ShouldBeOfType<HttpRequestException>();
    }

    [Fact]
    public async Task A_daemon_that_does_not_answer_in_time_is_unavailable()
    {
        _handler.Respond = async (_, cancellationToken) =>
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return new HttpResponseMessage(HttpStatusCode.OK);
        };
        var engine = FakeEngine.Create(_handler, new DockerOptions { RequestTimeoutSeconds = 1 });

        var error = await Should.ThrowAsync<DockerUnavailableException>(() => engine.InspectContainerAsync("ws-1"));

        error.Message.ShouldContain("no answer to GET /containers/ws-1/json within 1s");
        error.Message.ShouldContain(FakeEngine.Endpoint);
        error.InnerException.ShouldBeOfType<TimeoutException>();
    }

    [Fact]
    public async Task A_stream_is_bounded_by_the_request_timeout_only_until_its_headers_arrive()
    {
        _handler.Respond = (_, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StreamContent(new LateStream("""{"StatusCode":0}"""u8.ToArray(), TimeSpan.FromMilliseconds(1500))),
        });
        var engine = FakeEngine.Create(_handler, new DockerOptions { RequestTimeoutSeconds = 1 });

        var exit = await engine.WaitContainerAsync("ws-1");

        exit.StatusCode.ShouldBe(0);
    }

    [Fact]
    public async Task The_callers_cancellation_stays_a_cancellation()
    {
        _handler.Respond = async (_, cancellationToken) =>
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return new HttpResponseMessage(HttpStatusCode.OK);
        };
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

        await Should.ThrowAsync<OperationCanceledException>(() => FakeEngine.Create(_handler).InspectContainerAsync("ws-1", cancel.Token));
    }

    [Fact]
    public async Task An_unreadable_json_answer_is_an_api_error()
    {
        _handler.Answer(HttpStatusCode.OK, "{not json");

        await Should.ThrowAsync<DockerApiException>(() => FakeEngine.Create(_handler).InspectContainerAsync("ws-1"));
    }

    /// <summary>A body whose bytes arrive only after a delay, like <c>wait</c> on a running container.</summary>
    private sealed class LateStream(byte[] data, TimeSpan delay) : MemoryStream(data)
    {
        private bool _waited;

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (!_waited)
            {
                await Task.Delay(delay, cancellationToken);
                _waited = true;
            }

            return await base.ReadAsync(buffer, cancellationToken);
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }
}
