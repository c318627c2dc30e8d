using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Molecule.Events.EventSocket;
using Molecule.Kernel.Configuration;

namespace Molecule.Tests.Events;

public sealed class WebSocketOriginPolicyTests
{
    private static bool Allows(string? corsOrigins, string? origin, string host = "api.example.com:8080")
    {
        var policy = new WebSocketOriginPolicy(Options.Create(new PlatformOptions { CorsOrigins = corsOrigins }));
        var context = new DefaultHttpContext();
        context.Request.Host = HostString.FromUriComponent(host);
        if (origin is not null)
        {
            context.Request.Headers.Origin = origin;
        }

        return policy.Allows(context.Request);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Any_origin_when_CORS_ORIGINS_is_unset(string? cors) =>
        Allows(cors, "https://evil.example").ShouldBeTrue();

    [Theory]
    [InlineData("http://localhost:3000")]
    [InlineData("HTTP://LOCALHOST:3000")]
    [InlineData("https://canvas.example.com")]
    public void A_configured_origin_matches_case_insensitively(string origin) =>
        Allows("http://localhost:3000, https://canvas.example.com", origin).ShouldBeTrue();

    [Theory]
    [InlineData("https://evil.example")]
    [InlineData("http://localhost:3001")]
    [InlineData("null")]
    public void Other_origins_are_refused_when_CORS_ORIGINS_is_set(string origin) =>
        Allows("http://localhost:3000", origin).ShouldBeFalse();

    [Fact]
    public void A_client_without_Origin_is_not_a_browser_and_passes() =>
        Allows("http://localhost:3000", null).ShouldBeTrue();

    [Theory]
    [InlineData("http://api.example.com:8080", "api.example.com:8080", true)]
    [InlineData("https://API.example.com:8080", "api.example.com:8080", true)]
    [InlineData("https://api.example.com", "api.example.com", true)]
    [InlineData("http://api.example.com:9090", "api.example.com:8080", false)]
    [InlineData("http://api.example.com:8080", "api.example.com", false)]
    [InlineData("ftp://api.example.com:8080", "api.example.com:8080", false)]
    public void The_server_itself_is_an_allowed_origin(string origin, string host, bool allowed) =>
        Allows("http://localhost:3000", origin, host).ShouldBe(allowed);
}
