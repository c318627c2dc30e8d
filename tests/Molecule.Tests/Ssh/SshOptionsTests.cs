using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Molecule.Ssh;

namespace Molecule.Tests.Ssh;

public sealed class SshOptionsTests
{
    [Fact]
    public void Defaults_keep_an_idle_session_for_sixty_seconds()
    {
        var options = Resolve([]);

        options.SessionIdleSeconds.ShouldBe(60);
        options.KeepAliveSeconds.ShouldBe(15);
        options.ConnectTimeoutSeconds.ShouldBe(15);
    }

    [Fact]
    public void The_section_sets_the_idle_time()
    {
        Resolve(new() { ["Ssh:SessionIdleSeconds"] = "5" }).SessionIdleSeconds.ShouldBe(5);
    }

    [Fact]
    public void The_flat_environment_name_wins_over_the_section()
    {
        var options = Resolve(new() { ["Ssh:SessionIdleSeconds"] = "5", ["SSH_SESSION_IDLE_SECONDS"] = "7", ["SSH_KEEPALIVE_SECONDS"] = "0" });

        options.SessionIdleSeconds.ShouldBe(7);
        options.KeepAlive.ShouldBe(Timeout.InfiniteTimeSpan);
    }

    [Fact]
    public void An_out_of_range_value_is_refused_at_start_naming_both_spellings()
    {
        var error = Should.Throw<OptionsValidationException>(() => Resolve(new() { ["SSH_SESSION_IDLE_SECONDS"] = "-1" }));

        error.Message.ShouldContain("Ssh:SessionIdleSeconds (SSH_SESSION_IDLE_SECONDS) must be between 0 and 3600, got -1");
    }

    private static SshOptions Resolve(Dictionary<string, string?> values)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        using var services = new ServiceCollection().AddLogging().AddSshSessions(configuration).BuildServiceProvider();
        return services.GetRequiredService<IOptions<SshOptions>>().Value;
    }
}
