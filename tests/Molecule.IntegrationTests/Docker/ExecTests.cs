using System.Text;
using Molecule.Docker;
using Molecule.Testing;

namespace Molecule.IntegrationTests.Docker;

[Collection(DockerEngineFixture.Collection)]
public sealed class ExecTests(DockerEngineFixture docker)
{
    [Fact]
    public async Task A_tty_exec_echoes_keystrokes_resizes_and_ends_on_exit()
    {
        var container = await docker.RunAsync(docker.UniqueName("tty"), ["sleep", "300"]);
        var execId = await docker.Engine.CreateExecAsync(container, new DockerExecSpec
        {
            Cmd = ["sh"],
            Tty = true,
            AttachStdin = true,
            Env = ["TERM=xterm", "PS1=$ "],
            DetachKeys = "ctrl-@,ctrl-@",
            ConsoleSize = (24, 80),
        }, Deadline.In());
        await using var session = await docker.Engine.StartExecAsync(execId, tty: true, Deadline.In());
        var screen = new TerminalScreen(session);

        // The quotes tell the typed line (echoed by the TTY) from the command's output.
        await session.WriteAsync("echo hel''lo\n"u8.ToArray(), Deadline.In());
        await screen.WaitForAsync("\nhello");

        await docker.Engine.ResizeExecAsync(execId, 40, 132, Deadline.In());
        await session.WriteAsync("stty size\n"u8.ToArray(), Deadline.In());
        await screen.WaitForAsync("40 132");

        await session.WriteAsync("exit 5\n"u8.ToArray(), Deadline.In());
        await screen.ReadToEndAsync();

        session.Output.IsMultiplexed.ShouldBeFalse();
        (await WaitForExitAsync(execId)).ShouldBe(5);
    }

    [Fact]
    public async Task Without_a_tty_stdout_and_stderr_come_apart_with_the_exit_code()
    {
        var container = await docker.RunAsync(docker.UniqueName("mux"), ["sleep", "300"]);

        var result = await docker.Engine.RunExecAsync(container, new DockerExecSpec
        {
            Cmd = ["sh", "-c", "echo out; echo err >&2; echo more; exit 3"],
        }, cancellationToken: Deadline.In());

        result.StdoutText.ShouldBe("out\nmore\n");
        result.StderrText.ShouldBe("err\n");
        result.ExitCode.ShouldBe(3);
        result.Truncated.ShouldBeFalse();
    }

    [Fact]
    public async Task Stdin_reaches_the_process_and_closing_it_ends_the_input()
    {
        var container = await docker.RunAsync(docker.UniqueName("stdin"), ["sleep", "300"]);
        var payload = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("0123456789abcdef", 8192))); // 128 KiB

        var result = await docker.Engine.RunExecAsync(container, new DockerExecSpec
        {
            Cmd = ["sh", "-c", "cat > /tmp/in && wc -c < /tmp/in"],
            WorkingDir = "/tmp",
            User = "agent",
        }, payload, cancellationToken: Deadline.In());

        result.StdoutText.Trim().ShouldBe(payload.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        result.ExitCode.ShouldBe(0);
    }

    [Fact]
    public async Task Output_past_the_cap_is_cut_and_flagged()
    {
        var container = await docker.RunAsync(docker.UniqueName("cap"), ["sleep", "300"]);

        var result = await docker.Engine.RunExecAsync(container, new DockerExecSpec
        {
            Cmd = ["sh", "-c", "head -c 100000 /dev/zero"],
        }, maxOutputBytes: 1000, cancellationToken: Deadline.In());

        result.Stdout.Length.ShouldBe(1000);
        result.Truncated.ShouldBeTrue();
    }

    [Fact]
    public async Task A_missing_binary_is_an_exit_code_not_an_exception()
    {
        var container = await docker.RunAsync(docker.UniqueName("nobash"), ["sleep", "300"]);

        var result = await docker.Engine.RunExecAsync(container, new DockerExecSpec { Cmd = ["/bin/bash", "-l"] }, cancellationToken: Deadline.In());

        result.ExitCode.ShouldBe(126);
        (result.StdoutText + result.StderrText).ShouldContain("/bin/bash");
    }

    [Fact]
    public async Task Exec_in_a_stopped_container_is_a_conflict_and_an_unknown_exec_not_found()
    {
        var stopped = await docker.Engine.CreateContainerAsync(
            new DockerContainerSpec { Image = docker.AgentImage, Cmd = ["true"], Labels = docker.Labels }, Deadline.In());

        var conflict = await Should.ThrowAsync<DockerConflictException>(
            () => docker.Engine.CreateExecAsync(stopped, new DockerExecSpec { Cmd = ["true"] }, Deadline.In()));
        await Should.ThrowAsync<DockerNotFoundException>(() => docker.Engine.InspectExecAsync("no-such-exec", Deadline.In()));
        await Should.ThrowAsync<DockerNotFoundException>(() => docker.Engine.StartExecAsync("no-such-exec", tty: false, Deadline.In()));

        conflict.EngineMessage.ShouldContain("is not running");
    }

    [Fact]
    public async Task An_unknown_user_fails_the_exec_with_the_engine_text()
    {
        // Engine 20.10 accepts the exec and fails it at start; newer engines refuse the create (400).
        var container = await docker.RunAsync(docker.UniqueName("user"), ["sleep", "300"]);

        var result = await docker.Engine.RunExecAsync(
            container, new DockerExecSpec { Cmd = ["true"], User = "nobody-here" }, cancellationToken: Deadline.In());

        result.ExitCode.ShouldNotBe(0);
        (result.StdoutText + result.StderrText).ShouldContain("unable to find user nobody-here");
    }

    private async Task<int?> WaitForExitAsync(string execId)
    {
        var deadline = Deadline.In();
        while (true)
        {
            var state = await docker.Engine.InspectExecAsync(execId, deadline);
            if (!state.Running)
            {
                return state.ExitCode;
            }

            await Task.Delay(50, deadline);
        }
    }

    /// <summary>Collects a TTY's output and waits (bounded) for text to appear in it.</summary>
    private sealed class TerminalScreen(DockerExecSession session)
    {
        private readonly StringBuilder _seen = new();
        private readonly byte[] _buffer = new byte[4096];

        public async Task WaitForAsync(string text)
        {
            var deadline = Deadline.In(20);
            while (!_seen.ToString().Contains(text, StringComparison.Ordinal))
            {
                var chunk = await session.Output.ReadAsync(_buffer, deadline);
                if (chunk.IsEnd)
                {
                    throw new InvalidOperationException($"the terminal closed before showing \"{text}\"; it showed: {_seen}");
                }

                _seen.Append(Encoding.UTF8.GetString(_buffer, 0, chunk.Count));
            }

            _seen.Clear();
        }

        public async Task ReadToEndAsync()
        {
            var deadline = Deadline.In(20);
            while (!(await session.Output.ReadAsync(_buffer, deadline)).IsEnd)
            {
            }
        }
    }
}
