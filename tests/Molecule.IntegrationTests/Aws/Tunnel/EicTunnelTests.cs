using Microsoft.Extensions.Time.Testing;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Molecule.Aws.Tunnel;
using Molecule.Testing;
using Molecule.Testing.Aws.Tunnel;

namespace Molecule.IntegrationTests.Aws.Tunnel;

/// <summary>The Instance Connect tunnel end to end: local TCP → tunnel → fake endpoint → echo server.</summary>
public sealed class EicTunnelTests
{
    [Fact]
    public async Task Payloads_larger_than_a_frame_round_trip_both_ways_and_local_eof_closes_cleanly()
    {
        await using var harness = await EicTunnelHarness.StartAsync();
        var payload = new byte[300_000];
        new Random(11).NextBytes(payload);

        var client = await harness.ConnectAsync();
        var echoed = await EicTunnelHarness.RoundTripAsync(client, payload);
        client.Client.Shutdown(SocketShutdown.Send);
        var rest = await EicTunnelHarness.ReadUntilClosedAsync(client);

        echoed.ShouldBe(payload);
        rest.ShouldBeEmpty();
        (await harness.ClosedAsync()).Single().Failure.ShouldBeNull();
        harness.Endpoint.LargestFrameReceived.ShouldBeInRange(1, EicFrameBridge.MaxFrameBytes);
        harness.Endpoint.ClientCloses.ShouldContain(close => close.Status == 1000);
        harness.Endpoint.Rejections.ShouldBeEmpty();
        harness.Endpoint.Requests.Single().ShouldBe(new EicTunnelRequest(EicTunnelTestKit.EndpointId, "10.0.1.5", 22, 3600, 60));
        harness.Tunnel.EndpointId.ShouldBe(EicTunnelTestKit.EndpointId);
        harness.Tunnel.LocalEndPoint.Address.ShouldBe(System.Net.IPAddress.Loopback);
    }

    [Fact]
    public async Task Every_connection_is_presigned_and_bridged_on_its_own()
    {
        await using var harness = await EicTunnelHarness.StartAsync();

        var first = await harness.ConnectAsync();
        var second = await harness.ConnectAsync();
        (await EicTunnelHarness.RoundTripAsync(first, "one"u8.ToArray())).ShouldBe("one"u8.ToArray());
        (await EicTunnelHarness.RoundTripAsync(second, "two"u8.ToArray())).ShouldBe("two"u8.ToArray());

        harness.Endpoint.Requests.Count.ShouldBe(2);
        harness.Echo.Accepted.ShouldBe(2);
    }

    [Fact]
    public async Task A_refusal_close_code_and_reason_are_kept_and_the_local_socket_is_closed()
    {
        await using var harness = await EicTunnelHarness.StartAsync(arrange: fake => fake.Refusal = new EicTunnelRefusal(4003, "tunnel refused"));

        var client = await harness.ConnectAsync();
        await EicTunnelHarness.ReadUntilClosedAsync(client);

        var failure = (await harness.ClosedAsync()).Single().Failure.ShouldNotBeNull();
        failure.Failure.ShouldBe(EicTunnelFailure.ClosedByEndpoint);
        failure.CloseStatus.ShouldBe(4003);
        failure.CloseReason.ShouldBe("tunnel refused");
        failure.Message.ShouldContain("tunnel refused");
        harness.Tunnel.LastFailure.ShouldBeSameAs(failure);
    }

    [Fact]
    public async Task An_endpoint_close_with_1000_is_a_normal_end_that_closes_the_local_socket()
    {
        await using var harness = await EicTunnelHarness.StartAsync(arrange: fake => fake.Refusal = new EicTunnelRefusal(1000, "done"));

        var client = await harness.ConnectAsync();
        await EicTunnelHarness.ReadUntilClosedAsync(client);

        (await harness.ClosedAsync()).Single().Failure.ShouldBeNull();
        harness.Tunnel.LastFailure.ShouldBeNull();
    }

    [Fact]
    public async Task A_text_frame_is_invalid_data_and_the_tunnel_answers_with_close_1003()
    {
        await using var harness = await EicTunnelHarness.StartAsync(arrange: fake => fake.SendTextFrame = true);

        var client = await harness.ConnectAsync();
        var seen = await EicTunnelHarness.ReadUntilClosedAsync(client);

        seen.ShouldBeEmpty();
        var failure = (await harness.ClosedAsync()).Single().Failure.ShouldNotBeNull();
        failure.Failure.ShouldBe(EicTunnelFailure.InvalidData);
        failure.Message.ShouldContain("Received invalid data from server");
        // The tunnel does not wait for the endpoint to answer that close, so the fake sees it a little later.
        await EicTunnelHarness.EventuallyAsync(
            () => harness.Endpoint.ClientCloses.Contains((1003, "Received invalid data from server")),
            "the endpoint should receive close 1003 with the CLI's reason");
    }

    [Fact]
    public async Task The_21st_concurrent_connection_is_refused_at_once_with_a_clear_reason_and_a_freed_slot_is_reused()
    {
        await using var harness = await EicTunnelHarness.StartAsync();
        var open = new List<TcpClient>();
        for (var i = 0; i < 20; i++)
        {
            var client = await harness.ConnectAsync();
            (await EicTunnelHarness.RoundTripAsync(client, Encoding.ASCII.GetBytes($"c{i}"))).ShouldBe(Encoding.ASCII.GetBytes($"c{i}"));
            open.Add(client);
        }

        (await harness.ConnectAndReadUntilClosedAsync()).ShouldBeEmpty();

        var refused = (await harness.ClosedAsync()).Single().Failure.ShouldNotBeNull();
        refused.Failure.ShouldBe(EicTunnelFailure.ConnectionLimitReached);
        refused.Message.ShouldContain($"{EicTunnelTestKit.EndpointId} already carries 20 tunnel connections");
        harness.Endpoint.PeakTunnels.ShouldBe(20);
        harness.Endpoint.Requests.Count.ShouldBe(20);

        open[0].Client.Shutdown(SocketShutdown.Send);
        await EicTunnelHarness.ReadUntilClosedAsync(open[0]);
        (await harness.ClosedAsync()).Single().Failure.ShouldBeNull();
        var replacement = await harness.ConnectAsync();
        (await EicTunnelHarness.RoundTripAsync(replacement, "again"u8.ToArray())).ShouldBe("again"u8.ToArray());
    }

    [Fact]
    public async Task A_connection_is_closed_with_a_reason_when_it_reaches_the_maximum_duration()
    {
        await using var harness = await EicTunnelHarness.StartAsync(new Dictionary<string, string?> { ["EIC_MAX_TUNNEL_SECONDS"] = "1" });

        var client = await harness.ConnectAsync();
        (await EicTunnelHarness.RoundTripAsync(client, "before"u8.ToArray())).ShouldBe("before"u8.ToArray());
        await EicTunnelHarness.ReadUntilClosedAsync(client);

        var failure = (await harness.ClosedAsync()).Single().Failure.ShouldNotBeNull();
        failure.Failure.ShouldBe(EicTunnelFailure.MaxDurationReached);
        failure.Message.ShouldContain("maximum duration of 1 s");
        harness.Endpoint.Requests.Single().MaxTunnelDuration.ShouldBe(1);
        harness.Endpoint.ClientCloses.ShouldContain((1000, "maximum tunnel duration reached"));
    }

    [Fact]
    public async Task A_wrong_signature_is_a_refused_handshake_with_its_http_status_and_request_id()
    {
        var wrongKey = new EicPresignCredentials("AKIDTUNNELFAKE", "not-the-secret", "tunnel-session/token+=");
        await using var harness = await EicTunnelHarness.StartAsync(signWith: wrongKey);

        var client = await harness.ConnectAsync();
        await EicTunnelHarness.ReadUntilClosedAsync(client);

        var failure = (await harness.ClosedAsync()).Single().Failure.ShouldNotBeNull();
        failure.Failure.ShouldBe(EicTunnelFailure.HandshakeRejected);
        failure.HttpStatus.ShouldBe(403);
        failure.RequestId.ShouldNotBeNullOrEmpty();
        harness.Endpoint.Rejections.ShouldBe(["The request signature we calculated does not match the signature you provided"]);
        harness.Echo.Accepted.ShouldBe(0);
    }

    [Fact]
    public async Task A_url_older_than_60_seconds_is_refused_by_the_endpoint()
    {
        await using var harness = await EicTunnelHarness.StartAsync(arrange: fake => fake.Clock = new FakeTimeProvider(DateTimeOffset.UtcNow.AddSeconds(90)));

        var client = await harness.ConnectAsync();
        await EicTunnelHarness.ReadUntilClosedAsync(client);

        (await harness.ClosedAsync()).Single().Failure.ShouldNotBeNull().HttpStatus.ShouldBe(403);
        harness.Endpoint.Rejections.ShouldBe(["Request has expired"]);
    }

    [Fact]
    public async Task Disposing_the_tunnel_closes_its_open_connections()
    {
        var harness = await EicTunnelHarness.StartAsync();
        try
        {
            var client = await harness.ConnectAsync();
            (await EicTunnelHarness.RoundTripAsync(client, "x"u8.ToArray())).ShouldBe("x"u8.ToArray());

            await harness.Tunnel.DisposeAsync();

            await EicTunnelHarness.ReadUntilClosedAsync(client);
            var refused = new TcpClient();
            await Should.ThrowAsync<SocketException>(() => refused.ConnectAsync(harness.Tunnel.LocalEndPoint));
            refused.Dispose();
        }
        finally
        {
            await harness.DisposeAsync();
        }
    }

    [Fact]
    public async Task Opening_a_tunnel_without_an_endpoint_in_the_vpc_fails_clearly()
    {
        await using var echo = new TunnelEchoServer();
        await using var endpoint = await EicTunnelEndpointFake.StartAsync(echo.EndPoint);
        var (ec2, _) = TunnelFakeEc2.Create(TunnelFakeEc2.Endpoint("eice-elsewhere", "vpc-other", "subnet-other"));
        await using var services = EicTunnelTestKit.Services(ec2, endpoint);

        var error = await Should.ThrowAsync<EicTunnelException>(
            () => services.GetRequiredService<IEicTunnelFactory>().OpenAsync(EicTunnelTestKit.Target, CancellationToken.None));

        error.Failure.ShouldBe(EicTunnelFailure.EndpointNotFound);
        error.Message.ShouldStartWith($"no EC2 Instance Connect endpoint in vpc {EicTunnelTestKit.VpcId} / subnet {EicTunnelTestKit.SubnetId}");
    }
}
