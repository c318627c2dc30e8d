using System.Net;
using System.Text.Json.Nodes;
using Molecule.Docker;

namespace Molecule.Tests.Docker;

public sealed class ExecRequestTests
{
    private const string ExecId = "59d8a902a6ef20b1667227adbe58bef9bfe79417aea9ebf17ad39794365b2fce";

    private readonly FakeEngineHandler _handler = new();
    private readonly FakeEngineHandler _hijack = new();

    [Fact]
    public async Task Create_sends_the_exec_spec()
    {
        _handler.Answer(HttpStatusCode.Created, RecordedResponses.ExecCreated);

        var id = await FakeEngine.Create(_handler).CreateExecAsync("ws-1", new DockerExecSpec
        {
            Cmd = ["/bin/bash", "-l"],
            Env = ["TERM=xterm-256color"],
            Tty = true,
            AttachStdin = true,
            User = "agent",
            WorkingDir = "/workspace",
            DetachKeys = "ctrl-@,ctrl-@",
            ConsoleSize = (24, 80),
        });

        id.ShouldBe(ExecId);
        _handler.LastCall.Path.ShouldBe("/v1.41/containers/ws-1/exec");
        JsonNode.DeepEquals(_handler.LastCall.Json, JsonNode.Parse("""
            {"AttachStdin":true,"AttachStdout":true,"AttachStderr":true,"Tty":true,"Cmd":["/bin/bash","-l"],
             "Env":["TERM=xterm-256color"],"User":"agent","WorkingDir":"/workspace","DetachKeys":"ctrl-@,ctrl-@","ConsoleSize":[24,80]}
            """)).ShouldBeTrue(_handler.LastCall.BodyText);
    }

    [Fact]
    public async Task Console_size_is_only_sent_with_a_tty_and_an_empty_command_is_refused()
    {
        _handler.Answer(HttpStatusCode.Created, RecordedResponses.ExecCreated);
        var engine = FakeEngine.Create(_handler);

        await engine.CreateExecAsync("ws-1", new DockerExecSpec { Cmd = ["cat", "/configs/config.yaml"], ConsoleSize = (24, 80) });

        JsonNode.DeepEquals(_handler.LastCall.Json, JsonNode.Parse("""
            {"AttachStdin":false,"AttachStdout":true,"AttachStderr":true,"Tty":false,"Cmd":["cat","/configs/config.yaml"]}
            """)).ShouldBeTrue(_handler.LastCall.BodyText);
        await Should.ThrowAsync<ArgumentException>(() => engine.CreateExecAsync("ws-1", new DockerExecSpec { Cmd = [] }));
    }

    [Fact]
    public async Task Start_upgrades_the_connection_and_gives_a_duplex_tty_stream()
    {
        var connection = new FakeConnection("$ echo hi\r\nhi\r\n"u8.ToArray());
        _hijack.Respond = (_, _) => Task.FromResult(Upgraded(connection, "application/vnd.docker.raw-stream"));

        await using var session = await FakeEngine.Create(_handler, hijack: _hijack).StartExecAsync(ExecId, tty: true);
        await session.WriteAsync("echo hi\n"u8.ToArray());
        var screen = await FakeEngine.ReadAllTextAsync(session.Output);

        var start = _hijack.LastCall;
        start.Method.ShouldBe(HttpMethod.Post);
        start.Path.ShouldBe($"/v1.41/exec/{ExecId}/start");
        start.Header("Connection").ShouldBe("Upgrade");
        start.Header("Upgrade").ShouldBe("tcp");
        JsonNode.DeepEquals(start.Json, JsonNode.Parse("""{"Detach":false,"Tty":true}""")).ShouldBeTrue();
        _handler.Calls.ShouldBeEmpty(); // the exec has a connection of its own
        session.ExecId.ShouldBe(ExecId);
        session.Tty.ShouldBeTrue();
        session.Output.IsMultiplexed.ShouldBeFalse();
        connection.Written.ToArray().ShouldBe("echo hi\n"u8.ToArray());
        screen.ShouldBe("$ echo hi\r\nhi\r\n");
    }

    [Fact]
    public async Task Without_a_tty_the_started_exec_is_demultiplexed()
    {
        var connection = new FakeConnection([.. FakeEngine.Frame(1, "hi\n"), .. FakeEngine.Frame(2, "err\n")]);
        _hijack.Respond = (_, _) => Task.FromResult(Upgraded(connection, "application/vnd.docker.multiplexed-stream"));

        await using var session = await FakeEngine.Create(_handler, hijack: _hijack).StartExecAsync(ExecId, tty: false);
        var captured = await session.Output.ReadAllAsync(1024);

        JsonNode.DeepEquals(_hijack.LastCall.Json, JsonNode.Parse("""{"Detach":false,"Tty":false}""")).ShouldBeTrue();
        captured.Stdout.ShouldBe("hi\n"u8.ToArray());
        captured.Stderr.ShouldBe("err\n"u8.ToArray());
    }

    [Fact]
    public async Task A_start_refused_by_the_engine_throws_instead_of_upgrading()
    {
        _hijack.Answer(HttpStatusCode.Conflict, """{"message":"Container ws-1 is paused, unpause the container before exec"}""");

        var error = await Should.ThrowAsync<DockerConflictException>(
            () => FakeEngine.Create(_handler, hijack: _hijack).StartExecAsync(ExecId, tty: true));

        error.EngineMessage.ShouldContain("is paused");
    }

    [Fact]
    public async Task Resize_and_inspect_hit_the_exec_paths()
    {
        _handler.Respond = (request, _) => Task.FromResult(request.Path.EndsWith("/json", StringComparison.Ordinal)
            ? FakeEngineHandler.Response(HttpStatusCode.OK, RecordedResponses.ExecRunning)
            : new HttpResponseMessage(HttpStatusCode.OK));
        var engine = FakeEngine.Create(_handler);

        await engine.ResizeExecAsync(ExecId, 40, 132);
        var state = await engine.InspectExecAsync(ExecId);

        _handler.Calls[0].Uri.PathAndQuery.ShouldBe($"/v1.41/exec/{ExecId}/resize?h=40&w=132");
        state.ShouldBe(new DockerExecState(ExecId, "76258ce8a36e402c274f7ca7065cc5a2ccbe4940505bfff889bec4710bb6af7e", true, null, 2763));
        await Should.ThrowAsync<ArgumentOutOfRangeException>(() => engine.ResizeExecAsync(ExecId, 0, 80));
    }

    [Fact]
    public async Task Run_exec_collects_output_and_waits_for_the_exit_code()
    {
        var inspections = 0;
        _handler.Respond = (request, _) => Task.FromResult(request.Path switch
        {
            "/v1.41/containers/ws-1/exec" => FakeEngineHandler.Response(HttpStatusCode.Created, RecordedResponses.ExecCreated),
            _ => FakeEngineHandler.Response(HttpStatusCode.OK, ++inspections < 3 ? RecordedResponses.ExecRunning : RecordedResponses.ExecExited),
        });
        _hijack.Respond = (_, _) => Task.FromResult(Upgraded(new FakeConnection(
            [.. FakeEngine.Frame(1, "hi\n"), .. FakeEngine.Frame(2, "err\n")]), "application/vnd.docker.raw-stream"));

        var result = await FakeEngine.Create(_handler, hijack: _hijack).RunExecAsync(
            "ws-1", new DockerExecSpec { Cmd = ["sh", "-c", "echo hi; echo err >&2; exit 3"], Tty = true });

        result.ExitCode.ShouldBe(3);
        result.StdoutText.ShouldBe("hi\n");
        result.StderrText.ShouldBe("err\n");
        inspections.ShouldBe(3); // the output ended while the engine still said running
        _handler.Calls[0].Json["Tty"]!.GetValue<bool>().ShouldBeFalse(); // run-to-completion never uses a TTY
        _handler.Calls[0].Json["AttachStdin"]!.GetValue<bool>().ShouldBeFalse();
    }

    private static HttpResponseMessage Upgraded(Stream connection, string contentType)
    {
        var response = new HttpResponseMessage(HttpStatusCode.SwitchingProtocols) { Content = new RawConnectionContent(connection) };
        response.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        response.Headers.Connection.Add("Upgrade");
        response.Headers.Upgrade.Add(new System.Net.Http.Headers.ProductHeaderValue("tcp"));
        return response;
    }
}
