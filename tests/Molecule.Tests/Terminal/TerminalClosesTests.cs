using System.Net.WebSockets;
using System.Text;
using Molecule.Terminal.Connect;

namespace Molecule.Tests.Terminal;

public sealed class TerminalClosesTests
{
    [Theory]
    [InlineData(nameof(TerminalEnding.ShellExited), 1000, "shell exited")]
    [InlineData(nameof(TerminalEnding.ClientClosed), 1000, "closed by client")]
    [InlineData(nameof(TerminalEnding.ServerShutdown), 1001, "server shutting down")]
    [InlineData(nameof(TerminalEnding.ShellStartFailed), 1011, "failed to create shell session")]
    [InlineData(nameof(TerminalEnding.ServerError), 1011, "terminal error")]
    [InlineData(nameof(TerminalEnding.IdleTimeout), 4008, "idle timeout")]
    public void Each_ending_has_its_code_and_reason(string ending, int code, string reason)
    {
        var close = TerminalCloses.For(Enum.Parse<TerminalEnding>(ending))!.Value;

        ((int)close.Status).ShouldBe(code);
        close.Reason.ShouldBe(reason);
    }

    [Fact]
    public void A_shell_exit_names_a_non_zero_exit_code()
    {
        TerminalCloses.For(TerminalEnding.ShellExited, exitCode: 0)!.Value.Reason.ShouldBe("shell exited");
        TerminalCloses.For(TerminalEnding.ShellExited, exitCode: 130)!.Value.Reason.ShouldBe("shell exited with code 130");
    }

    [Fact]
    public void The_idle_reason_names_the_period()
    {
        TerminalCloses.For(TerminalEnding.IdleTimeout, idleTimeout: TimeSpan.FromMinutes(30))!.Value.Reason
            .ShouldBe("idle timeout: no input for 30 minutes");
    }

    [Fact]
    public void A_client_that_is_gone_gets_no_close_frame()
    {
        TerminalCloses.For(TerminalEnding.ClientGone).ShouldBeNull();
    }

    [Fact]
    public void Every_code_is_one_a_browser_accepts_and_every_reason_fits_a_close_frame()
    {
        foreach (var ending in Enum.GetValues<TerminalEnding>())
        {
            if (TerminalCloses.For(ending, exitCode: int.MinValue, idleTimeout: TimeSpan.FromMinutes(1439.99)) is not { } close)
            {
                continue;
            }

            ((int)close.Status is 1000 or 1001 or 1011 or (>= 4000 and <= 4999)).ShouldBeTrue(ending.ToString());
            close.Status.ShouldNotBe(WebSocketCloseStatus.Empty);
            Encoding.UTF8.GetByteCount(close.Reason).ShouldBeLessThanOrEqualTo(123);
        }
    }
}
