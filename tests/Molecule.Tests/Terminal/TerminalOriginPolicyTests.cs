using Microsoft.AspNetCore.Http;
using Molecule.Terminal.Connect;

namespace Molecule.Tests.Terminal;

public sealed class TerminalOriginPolicyTests
{
    private static readonly string[] Cors = ["https://canvas.example.com", "http://localhost:3000"];
    private static readonly HostString Host = new("molecule.example.com:8080");

    [Theory]
    [InlineData("")]
    [InlineData("http://localhost:3000")]
    [InlineData("http://localhost:1")]
    [InlineData("https://localhost:65535")]
    [InlineData("https://canvas.example.com")]
    [InlineData("http://molecule.example.com:8080")]
    [InlineData("https://molecule.example.com:8080")]
    public void Allowed(string origin) => TerminalOriginPolicy.Allows(origin, Host, Cors).ShouldBeTrue();

    [Theory]
    [InlineData("https://evil.example")]
    [InlineData("http://localhost")]
    [InlineData("http://localhost:")]
    [InlineData("http://localhost:3000.evil.example")]
    [InlineData("http://localhost:123456")]
    [InlineData("http://localhost.evil.example")]
    [InlineData("https://CANVAS.example.com")]
    [InlineData("https://canvas.example.com/")]
    [InlineData("http://molecule.example.com")]
    [InlineData("http://molecule.example.com:8081")]
    [InlineData("ftp://molecule.example.com:8080")]
    [InlineData("null")]
    public void Refused(string origin) => TerminalOriginPolicy.Allows(origin, Host, Cors).ShouldBeFalse();
}
