using System.Net;
using Molecule.Kernel.Net;

namespace Molecule.Tests.Registry;

public sealed class OutboundUrlGuardTests
{
    private static readonly OutboundUrlContext SelfHosted = new(AllowPrivateRanges: false, AllowLoopback: false);
    private static readonly OutboundUrlContext Saas = new(AllowPrivateRanges: true, AllowLoopback: false);
    private static readonly OutboundUrlContext Dev = new(AllowPrivateRanges: true, AllowLoopback: true);

    [Theory]
    [InlineData("169.254.169.254")]
    [InlineData("100.64.0.1")]
    [InlineData("192.0.2.10")]
    [InlineData("198.51.100.1")]
    [InlineData("203.0.113.5")]
    [InlineData("224.0.0.1")]
    [InlineData("0.0.0.0")]
    [InlineData("fe80::1")]
    [InlineData("fc00::1")]
    [InlineData("2001:db8::1")]
    [InlineData("::")]
    [InlineData("::ffff:169.254.169.254")]
    public void Metadata_link_local_cgnat_documentation_and_multicast_are_always_blocked(string address)
    {
        OutboundUrlGuard.IsAllowed(IPAddress.Parse(address), Dev).ShouldBeFalse();
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.8.9.10")]
    [InlineData("::1")]
    public void Loopback_is_allowed_only_in_a_dev_environment(string address)
    {
        OutboundUrlGuard.IsAllowed(IPAddress.Parse(address), SelfHosted).ShouldBeFalse();
        OutboundUrlGuard.IsAllowed(IPAddress.Parse(address), Saas).ShouldBeFalse();
        OutboundUrlGuard.IsAllowed(IPAddress.Parse(address), Dev).ShouldBeTrue();
    }

    [Theory]
    [InlineData("10.1.2.3")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.168.1.1")]
    [InlineData("fd12::1")]
    public void Private_ranges_are_allowed_in_saas_and_dev_only(string address)
    {
        OutboundUrlGuard.IsAllowed(IPAddress.Parse(address), SelfHosted).ShouldBeFalse();
        OutboundUrlGuard.IsAllowed(IPAddress.Parse(address), Saas).ShouldBeTrue();
    }

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("172.32.0.1")]
    [InlineData("2606:4700::1111")]
    public void Public_addresses_are_allowed(string address)
    {
        OutboundUrlGuard.IsAllowed(IPAddress.Parse(address), SelfHosted).ShouldBeTrue();
    }

    [Theory]
    [InlineData("ftp://8.8.8.8/")]
    [InlineData("file:///etc/passwd")]
    [InlineData("not a url")]
    [InlineData("")]
    [InlineData(null)]
    public async Task Only_absolute_http_urls_pass(string? url)
    {
        (await OutboundUrlGuard.CheckAsync(url, Dev)).ShouldNotBeNull();
    }

    [Fact]
    public async Task Literal_addresses_are_checked_without_dns()
    {
        (await OutboundUrlGuard.CheckAsync("http://8.8.8.8:8000/a2a", SelfHosted)).ShouldBeNull();
        (await OutboundUrlGuard.CheckAsync("http://[::1]:8000", SelfHosted)).ShouldNotBeNull();
        (await OutboundUrlGuard.CheckAsync("http://127.0.0.1:9", Dev)).ShouldBeNull();
    }

    [Fact]
    public async Task Localhost_resolves_to_loopback_and_is_refused_outside_dev()
    {
        (await OutboundUrlGuard.CheckAsync("http://localhost:8000", SelfHosted)).ShouldNotBeNull();
        (await OutboundUrlGuard.CheckAsync("http://localhost:8000", Dev)).ShouldBeNull();
    }

    [Fact]
    public async Task A_name_that_does_not_resolve_is_refused()
    {
        (await OutboundUrlGuard.CheckAsync("http://no-such-host.invalid:8000", Dev)).ShouldNotBeNull();
    }
}
