using Molecule.Plugins;
using Molecule.Plugins.Configuration;

namespace Molecule.Tests.Plugins;

public sealed class GoDurationTests
{
    [Theory]
    [InlineData("5m", 300_000)]
    [InlineData("90s", 90_000)]
    [InlineData("1h30m", 5_400_000)]
    [InlineData("1.5h", 5_400_000)]
    [InlineData("250ms", 250)]
    [InlineData("2m3s", 123_000)]
    [InlineData("0", 0)]
    [InlineData("1000us", 1)]
    public void Go_duration_syntax_parses(string text, long milliseconds)
    {
        GoDuration.TryParse(text, out var duration).ShouldBeTrue();
        duration.ShouldBe(TimeSpan.FromMilliseconds(milliseconds));
    }

    [Theory]
    [InlineData("")]
    [InlineData("5")]
    [InlineData("m")]
    [InlineData("5 minutes")]
    [InlineData("5d")]
    [InlineData("1h-3m")]
    public void Anything_else_does_not(string text) => GoDuration.TryParse(text, out _).ShouldBeFalse();

    [Fact]
    public void Options_default_to_five_minutes_and_refuse_a_bad_or_non_positive_timeout()
    {
        new PluginsOptions().FetchTimeoutValue.ShouldBe(TimeSpan.FromMinutes(5));
        new PluginsOptions { FetchTimeout = "30s" }.FetchTimeoutValue.ShouldBe(TimeSpan.FromSeconds(30));
        new PluginsOptions { FetchTimeout = "soon" }.Validate().ShouldNotBeNull().ShouldContain("PLUGIN_INSTALL_FETCH_TIMEOUT");
        new PluginsOptions { FetchTimeout = "0" }.Validate().ShouldNotBeNull();
        new PluginsOptions { MaxDirBytes = 0 }.Validate().ShouldNotBeNull().ShouldContain("PLUGIN_INSTALL_MAX_DIR_BYTES");
        new PluginsOptions { GithubBaseUrl = "ftp://x" }.Validate().ShouldNotBeNull().ShouldContain("PLUGINS_GITHUB_BASE_URL");
        new PluginsOptions().Validate().ShouldBeNull();
    }
}
