using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using Molecule.Docker;
using Molecule.Docker.Client;

namespace Molecule.Tests.Docker;

public sealed class ErrorMappingTests
{
    [Fact]
    public void Not_found_carries_the_engine_message()
    {
        var error = EngineErrorText.ToException(HttpStatusCode.NotFound, """{"message":"No such container: ws-1"}""");

        var notFound = error.ShouldBeOfType<DockerNotFoundException>();
        notFound.EngineMessage.ShouldBe("No such container: ws-1");
        notFound.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        notFound.Message.ShouldContain("No such container: ws-1");
    }

    [Fact]
    public void Conflict_carries_the_engine_message()
    {
        const string message = "Conflict. The container name \"/ws-1\" is already in use by container \"abc\". You have to remove (or rename) that container to be able to reuse that name.";

        var error = EngineErrorText.ToException(HttpStatusCode.Conflict, $$"""{"message":{{System.Text.Json.JsonSerializer.Serialize(message)}}}""" + "\n");

        error.ShouldBeOfType<DockerConflictException>().EngineMessage.ShouldBe(message);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest, """{"message":"No exec command specified"}""", "No exec command specified")]
    [InlineData(HttpStatusCode.InternalServerError, "plain text failure\n", "plain text failure")]
    [InlineData(HttpStatusCode.ServiceUnavailable, null, "503 Service Unavailable")]
    [InlineData(HttpStatusCode.NotFound, "", "404 Not Found")]
    [InlineData(HttpStatusCode.Forbidden, """{"other":"shape"}""", """{"other":"shape"}""")]
    [InlineData(HttpStatusCode.BadGateway, "{not json", "{not json")]
    public void Other_answers_give_the_best_message_available(HttpStatusCode status, string? body, string expected)
    {
        var error = EngineErrorText.ToException(status, body);

        error.StatusCode.ShouldBe(status);
        error.EngineMessage.ShouldBe(expected);
        if (status is not HttpStatusCode.NotFound)
        {
            error.ShouldNotBeOfType<DockerNotFoundException>();
        }
    }

    [Fact]
    public async Task A_missing_socket_is_unavailable_and_names_the_socket()
    {
        var path = $"/tmp/molecule-unit-{Guid.NewGuid():N}.sock";
        using var engine = Engine(path);

        var ping = await Should.ThrowAsync<DockerUnavailableException>(() => engine.PingAsync());
        var inspect = await Should.ThrowAsync<DockerUnavailableException>(() => engine.InspectContainerAsync("ws-1"));

        ping.Message.ShouldBe($"Docker engine at unix://{path} is unavailable: no socket at {path}");
        ping.Endpoint.ShouldBe($"unix://{path}");
        inspect.Message.ShouldContain(path);
        ping.InnerException.ShouldBeOfType<HttpRequestException>();
    }

    [Fact]
    public async Task A_socket_nobody_listens_on_is_refused()
    {
        var path = $"/tmp/molecule-unit-{Guid.NewGuid():N}.sock";
        // Bound but never listening: connections are refused (disposing it removes the file).
        using var bound = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        bound.Bind(new UnixDomainSocketEndPoint(path));
        using var engine = Engine(path, apiVersion: "1.41");

        var error = await Should.ThrowAsync<DockerUnavailableException>(() => engine.InspectContainerAsync("ws-1"));

        error.Message.ShouldBe($"Docker engine at unix://{path} is unavailable: nothing accepts connections on {path} (connection refused)");
    }

    [Fact]
    public async Task A_daemon_that_does_not_answer_in_time_is_unavailable()
    {
        using var daemon = SilentDaemon.Start();
        using var engine = Engine(daemon.Path, apiVersion: "1.41", timeoutSeconds: 1);

        var error = await Should.ThrowAsync<DockerUnavailableException>(() => engine.InspectContainerAsync("ws-1"));

        error.Message.ShouldBe($"Docker engine at unix://{daemon.Path} is unavailable: no answer to GET /containers/ws-1/json within 1s");
        error.InnerException.ShouldBeOfType<TimeoutException>();
    }

    [Fact]
    public async Task An_unanswered_negotiation_is_unavailable_too()
    {
        using var daemon = SilentDaemon.Start();
        using var engine = Engine(daemon.Path, timeoutSeconds: 1);

        var error = await Should.ThrowAsync<DockerUnavailableException>(() => engine.InspectContainerAsync("ws-1"));

        // Whichever gives up first says so: the negotiation's own bound or the call's.
        error.Message.ShouldContain("no answer to GET /");
        error.Message.ShouldContain("within 1s");
    }

    [Fact]
    public async Task The_callers_cancellation_stays_a_cancellation()
    {
        using var daemon = SilentDaemon.Start();
        using var engine = Engine(daemon.Path, apiVersion: "1.41");
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

        var error = await Should.ThrowAsync<OperationCanceledException>(() => engine.InspectContainerAsync("ws-1", cancel.Token));

        error.ShouldNotBeAssignableTo<DockerException>();
    }

    [Theory]
    [InlineData("..")]
    [InlineData(" ")]
    [InlineData("../images/x")]
    [InlineData("ws-1?force=1")]
    public async Task Names_that_would_leave_their_path_segment_are_refused(string name)
    {
        using var engine = Engine($"/tmp/molecule-unit-{Guid.NewGuid():N}.sock", apiVersion: "1.41");

        await Should.ThrowAsync<ArgumentException>(() => engine.InspectContainerAsync(name));
    }

    private static DockerEngine Engine(string socketPath, string? apiVersion = null, int timeoutSeconds = 30) =>
        new(new DockerOptions { Host = $"unix://{socketPath}", ApiVersion = apiVersion, RequestTimeoutSeconds = timeoutSeconds }, NullLogger.Instance);

    /// <summary>A unix socket that takes connections (the kernel queues them) and never answers.</summary>
    private sealed class SilentDaemon : IDisposable
    {
        private readonly Socket _socket;

        private SilentDaemon(Socket socket, string path)
        {
            _socket = socket;
            Path = path;
        }

        public string Path { get; }

        public static SilentDaemon Start()
        {
            var path = $"/tmp/molecule-silent-{Guid.NewGuid():N}.sock";
            var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            socket.Bind(new UnixDomainSocketEndPoint(path));
            socket.Listen(16);
            return new SilentDaemon(socket, path);
        }

        public void Dispose()
        {
            _socket.Dispose();
            File.Delete(Path);
        }
    }
}
