using Microsoft.AspNetCore.Http;
using Molecule.Kernel.Configuration;
using Molecule.Server.Configuration;
using Molecule.Kernel.Http;
using Molecule.Server.Http;

namespace Molecule.Tests.Host;

public sealed class HostRulesTests
{
    [Theory]
    [InlineData("/workspaces", true)]
    [InlineData("/workspaces/abc/files", true)]
    [InlineData("/org", true)]
    [InlineData("/orgs/1/plugins/allowlist", true)]
    [InlineData("/ws", true)]
    [InlineData("/workspacesX", false)]
    [InlineData("/wsx", false)]
    [InlineData("/", false)]
    [InlineData("/canvas/viewport", false)]
    [InlineData("/Workspaces", false)]
    public void Api_prefixes_match_exactly_or_before_a_slash(string path, bool api) =>
        SecurityHeadersMiddleware.IsApiPath(new PathString(path)).ShouldBe(api);

    [Theory]
    [InlineData("state=org-1", true)]
    [InlineData("instance=1;region=iad; state=org-1", true)]
    [InlineData("state=org-12", false)]
    [InlineData("xstate=org-1", false)]
    [InlineData("", false)]
    public void Fly_replay_source_names_the_org_in_its_state_segment(string header, bool passes) =>
        TenantGuardMiddleware.FlyReplayNames(header, "org-1").ShouldBe(passes);

    [Theory]
    [InlineData("http://localhost:8080", "localhost:8080", true)]
    [InlineData("https://molecule.example.com", "molecule.example.com", true)]
    [InlineData("HTTP://LOCALHOST:8080", "localhost:8080", true)]
    [InlineData("http://localhost:3000", "localhost:8080", false)]
    [InlineData("http://localhost:8080/", "localhost:8080", false)]
    public void Own_origin_is_either_scheme_with_the_host_header(string origin, string host, bool own) =>
        CorsMiddleware.IsOwnOrigin(origin, new HostString(host)).ShouldBe(own);

    [Theory]
    [InlineData(null, true)]
    [InlineData("", true)]
    [InlineData("8080", true)]
    [InlineData("65535", true)]
    [InlineData("0", false)]
    [InlineData("65536", false)]
    [InlineData("-1", false)]
    [InlineData(" 80", false)]
    [InlineData("abc", false)]
    public void Port_must_be_a_tcp_port(string? setting, bool valid) =>
        ServerOptions.TryParsePort(setting, out _).ShouldBe(valid);

    [Fact]
    public void Rate_limit_defaults_to_600_per_minute()
    {
        new ServerOptions().RateLimitPerMinute.ShouldBe(600);
        new ServerOptions { RateLimitSetting = "5" }.RateLimitPerMinute.ShouldBe(5);
    }

    [Fact]
    public void Server_validator_lists_every_bad_setting()
    {
        var result = new ServerOptionsValidator().Validate(null, new ServerOptions { PortSetting = "x", RateLimitSetting = "-1" });

        result.Failed.ShouldBeTrue();
        result.Failures!.Count().ShouldBe(2);
    }

    [Theory]
    [InlineData("http://localhost:3000,http://localhost:3001", true)]
    [InlineData("https://canvas.example.com", true)]
    [InlineData("*", false)]
    [InlineData("http://localhost:3000/", false)]
    [InlineData("http://localhost:3000/app", false)]
    [InlineData("localhost:3000", false)]
    [InlineData("ftp://files.example.com", false)]
    public void Cors_origins_must_be_plain_origins(string setting, bool valid) =>
        new PlatformOptionsValidator().Validate(null, new PlatformOptions { CorsOrigins = setting }).Succeeded.ShouldBe(valid);
}
