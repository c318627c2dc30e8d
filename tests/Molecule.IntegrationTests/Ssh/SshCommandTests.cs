using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Molecule.Ssh;
using Molecule.Testing;
using static Molecule.IntegrationTests.Ssh.SshTestKit;

namespace Molecule.IntegrationTests.Ssh;

/// <summary>Commands on the real sshd through SSH.NET: output, exit codes, stdin, limits and typed connect failures.</summary>
[Collection(SshdCollection.Name)]
public sealed class SshCommandTests
{
    [SshdFact]
    public async Task A_command_answers_its_stdout_stderr_and_exit_code()
    {
        await using var ssh = await ConnectAuthorizedAsync();

        var result = await ssh.Session.RunAsync(new SshCommandRequest("echo out; echo err >&2; exit 7"), Deadline());

        result.ExitCode.ShouldBe(7);
        result.Succeeded.ShouldBeFalse();
        result.StdoutText.ShouldBe("out\n");
        result.StderrText.ShouldBe("err\n");
        result.StdoutTruncated.ShouldBeFalse();
    }

    [SshdFact]
    public async Task Stdin_bytes_reach_the_command_unchanged_and_are_closed_after()
    {
        await using var ssh = await ConnectAuthorizedAsync();
        var payload = Enumerable.Range(0, 300_000).Select(i => (byte)(i * 7)).ToArray();

        var echoed = await ssh.Session.RunAsync(new SshCommandRequest("cat") { Stdin = payload }, Deadline());
        var counted = await ssh.Session.RunAsync(new SshCommandRequest("wc -c") { Stdin = payload }, Deadline());

        echoed.ExitCode.ShouldBe(0);
        echoed.Stdout.ToArray().ShouldBe(payload);
        counted.StdoutText.Trim().ShouldBe("300000");
    }

    [SshdFact]
    public async Task A_command_reading_stdin_sees_its_end_when_none_is_given()
    {
        await using var ssh = await ConnectAuthorizedAsync();

        var result = await ssh.Session.RunAsync(new SshCommandRequest("cat; echo done"), Deadline());

        result.StdoutText.ShouldBe("done\n");
    }

    [SshdFact]
    public async Task Output_past_the_cap_is_drained_and_dropped_and_the_result_says_so()
    {
        await using var ssh = await ConnectAuthorizedAsync();

        var result = await ssh.Session.RunAsync(
            new SshCommandRequest("head -c 500000 /dev/zero; echo tail >&2") { MaxOutputBytes = 1024 }, Deadline());

        result.ExitCode.ShouldBe(0);
        result.Stdout.Length.ShouldBe(1024);
        result.StdoutTruncated.ShouldBeTrue();
        result.StderrText.ShouldBe("tail\n");
        result.StderrTruncated.ShouldBeFalse();
    }

    [SshdFact]
    public async Task Cancelling_ends_a_long_command_and_the_session_keeps_working()
    {
        await using var ssh = await ConnectAuthorizedAsync();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));

        var started = DateTimeOffset.UtcNow;
        await Should.ThrowAsync<OperationCanceledException>(() => ssh.Session.RunAsync(new SshCommandRequest("sleep 60"), cancel.Token));
        (DateTimeOffset.UtcNow - started).ShouldBeLessThan(TimeSpan.FromSeconds(20));

        (await ssh.Session.RunAsync(new SshCommandRequest("echo still"), Deadline())).StdoutText.ShouldBe("still\n");
    }

    [SshdFact]
    public async Task Quoted_words_reach_the_remote_shell_unchanged()
    {
        await using var ssh = await ConnectAuthorizedAsync();
        string[] words = ["plain", "with space", "it's", "line\nbreak", "$HOME", "`id`", "$(id)", "a\\b", "*", "\"dq\"", "-n", "", "tab\there", "'", "ünï ☃"];

        foreach (var word in words)
        {
            var result = await ssh.Session.RunAsync(new SshCommandRequest("printf '%s' " + PosixShell.Quote(word)), Deadline());
            result.StdoutText.ShouldBe(word, $"word {word}");
        }
    }

    [SshdFact]
    public async Task A_quoted_path_starting_with_a_dash_is_a_file_not_an_option()
    {
        await using var ssh = await ConnectAuthorizedAsync();
        var directory = "/tmp/molecule-ssh-" + Guid.NewGuid().ToString("N")[..8];

        var result = await ssh.Session.RunAsync(new SshCommandRequest(
            $"mkdir {PosixShell.Quote(directory)} && cd {PosixShell.Quote(directory)} && touch {PosixShell.QuotePath("-rf x")} && ls -A; rm -rf {PosixShell.Quote(directory)}"),
            Deadline());

        result.ExitCode.ShouldBe(0, result.StderrText);
        result.StdoutText.ShouldBe("-rf x\n");
    }

    [SshdFact]
    public async Task A_key_sshd_does_not_accept_fails_with_sshs_permission_denied_text()
    {
        using var key = SshKeyPair.Generate();

        var error = await Should.ThrowAsync<SshSessionException>(() => ConnectAsync(key));

        error.Kind.ShouldBe(SshFailureKind.Authentication);
        error.Message.ShouldBe("Permission denied (publickey).");
    }

    [SshdFact]
    public async Task A_pushed_key_past_its_expiry_is_refused_and_one_before_it_is_accepted()
    {
        using var expired = SshKeyPair.Generate();
        using var valid = SshKeyPair.Generate();
        using var expiredAuthorization = Sshd.AuthorizeKey(expired.PublicKeyLine, DateTimeOffset.UtcNow.AddSeconds(-5));
        using var validAuthorization = Sshd.AuthorizeKey(valid.PublicKeyLine, DateTimeOffset.UtcNow.AddSeconds(60));

        var error = await Should.ThrowAsync<SshSessionException>(() => ConnectAsync(expired));
        await using var session = await ConnectAsync(valid);

        error.Message.ShouldContain("Permission denied (publickey).");
        session.IsConnected.ShouldBeTrue();
    }

    [SshdFact]
    public async Task A_port_nobody_listens_on_is_a_refused_connection_naming_the_endpoint()
    {
        using var key = SshKeyPair.Generate();
        var closed = ClosedPort();

        var error = await Should.ThrowAsync<SshSessionException>(() => ConnectAsync(key, new SshEndpoint("127.0.0.1", closed)));

        error.Kind.ShouldBe(SshFailureKind.ConnectionRefused);
        error.Message.ShouldBe($"connection refused by 127.0.0.1:{closed}");
    }

    [SshdFact]
    public async Task The_host_key_fingerprint_is_the_one_of_sshds_host_key()
    {
        await using var ssh = await ConnectAuthorizedAsync();
        var blob = Convert.FromBase64String((await File.ReadAllTextAsync(Sshd.HostPublicKeyPath)).Split(' ')[1]);

        ssh.Session.HostKeyFingerprint.ShouldBe("SHA256:" + Convert.ToBase64String(SHA256.HashData(blob)).TrimEnd('='));
    }

    [SshdFact]
    public async Task The_accepted_host_key_is_logged_with_its_fingerprint_and_commands_and_stdin_are_not()
    {
        using var capture = new SecretsLogCapture();
        using var key = SshKeyPair.Generate();
        using var authorization = Sshd.AuthorizeKey(key.PublicKeyLine);
        var logger = capture.CreateLogger("ssh");

        await using var session = await SshSession.ConnectAsync(new SshPath(Sshd.Endpoint, Sshd.User), key, new SshOptions(),
            TimeProvider.System, logger, Deadline());
        await session.RunAsync(new SshCommandRequest("echo secret-argument") { Stdin = "secret-stdin"u8.ToArray() }, Deadline());

        var lines = string.Join("\n", capture.Lines);
        lines.ShouldContain(session.HostKeyFingerprint);
        lines.ShouldContain("accepted without known_hosts");
        lines.ShouldNotContain("secret-argument");
        lines.ShouldNotContain("secret-stdin");
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
