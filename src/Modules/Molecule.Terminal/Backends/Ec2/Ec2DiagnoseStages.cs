using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Amazon.EC2;
using Amazon.EC2.Model;
using Amazon.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Molecule.Aws.InstanceConnect;
using Molecule.Aws.InstanceConnect.Model;
using Molecule.Aws.Tunnel;
using Molecule.Ssh;
using Molecule.Terminal.Diagnose;

namespace Molecule.Terminal.Backends.Ec2;

/// <summary>
/// The EC2 terminal pipeline (spec/ec2-backend.md "Reaching an instance") as diagnose stages:
/// <c>ssh-keygen</c>, <c>send-ssh-public-key</c>, <c>pick-free-port</c>, <c>open-tunnel</c>,
/// <c>wait-for-port</c>, <c>ssh-probe</c>. One instance per run: later stages use the key and the
/// tunnel earlier ones made; disposing closes the tunnel and forgets the key.
/// </summary>
internal sealed class Ec2DiagnoseStages(Ec2DiagnoseDependencies dependencies, string instanceId, string osUser) : IAsyncDisposable
{
    public const string SshKeygen = "ssh-keygen";
    public const string SendSshPublicKey = "send-ssh-public-key";
    public const string PickFreePort = "pick-free-port";
    public const string OpenTunnel = "open-tunnel";
    public const string WaitForPort = "wait-for-port";
    public const string SshProbe = "ssh-probe";

    private const int MaxDetailChars = 1024;
    private const int MaxProbeOutputBytes = 4096;

    // How long wait-for-port waits for the tunnel's failure report after the connection closed: the
    // tunnel closes the local socket before it records why.
    private static readonly TimeSpan FailureReportWait = TimeSpan.FromSeconds(2);

    private readonly string _marker = "molecule-diagnose-" + Guid.NewGuid().ToString("N");
    private SshKeyPair? _key;
    private IEicTunnel? _tunnel;

    public IReadOnlyList<DiagnoseStage> All =>
    [
        new(SshKeygen, MakeKeyAsync),
        new(SendSshPublicKey, SendKeyAsync),
        new(PickFreePort, PickPortAsync),
        new(OpenTunnel, OpenTunnelAsync),
        new(WaitForPort, WaitForPortAsync),
        new(SshProbe, ProbeAsync),
    ];

    private Task<StageOutcome> MakeKeyAsync(CancellationToken cancellationToken)
    {
        _key = SshKeyPair.Generate();
        return Task.FromResult(StageOutcome.Pass($"{SshKeyPair.Algorithm} {_key.Fingerprint}"));
    }

    private async Task<StageOutcome> SendKeyAsync(CancellationToken cancellationToken)
    {
        try
        {
            await dependencies.InstanceConnect.SendSSHPublicKeyAsync(
                new SendSSHPublicKeyRequest { InstanceId = instanceId, InstanceOSUser = osUser, SSHPublicKey = Key.PublicKeyLine },
                cancellationToken);
        }
        catch (AmazonServiceException exception)
        {
            return StageOutcome.Fail(exception.Message, AwsDetail(exception));
        }

        return StageOutcome.Pass($"key accepted for {osUser} on {instanceId} for 60 s");
    }

    // The tunnel binds its own free port when it opens; this stage proves the host can hand one out
    // at all (a loopback bind), so a port shortage is named before the tunnel is blamed.
    private static Task<StageOutcome> PickPortAsync(CancellationToken cancellationToken)
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        try
        {
            probe.Start();
        }
        catch (SocketException exception)
        {
            return Task.FromResult(StageOutcome.Fail("no free local port", exception.Message));
        }

        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return Task.FromResult(StageOutcome.Pass($"127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)} was free"));
    }

    private async Task<StageOutcome> OpenTunnelAsync(CancellationToken cancellationToken)
    {
        Instance? instance;
        try
        {
            var described = await dependencies.Ec2.DescribeInstancesAsync(
                new DescribeInstancesRequest { InstanceIds = [instanceId] }, cancellationToken);
            instance = (described.Reservations ?? []).SelectMany(reservation => reservation.Instances ?? []).FirstOrDefault();
        }
        catch (AmazonServiceException exception)
        {
            return StageOutcome.Fail($"DescribeInstances failed: {exception.Message}", AwsDetail(exception));
        }

        if (instance is null)
        {
            return StageOutcome.Fail($"instance {instanceId} not found", "DescribeInstances answered no reservation for it");
        }

        if (string.IsNullOrEmpty(instance.PrivateIpAddress))
        {
            return StageOutcome.Fail($"instance {instanceId} has no private address", $"state {instance.State?.Name?.Value ?? "unknown"}");
        }

        try
        {
            _tunnel = await dependencies.Tunnels.OpenAsync(
                new EicTunnelTarget(instanceId, instance.VpcId, instance.SubnetId, instance.PrivateIpAddress), cancellationToken);
        }
        catch (EicTunnelException exception)
        {
            return StageOutcome.Fail("failed to open EIC tunnel", TunnelDetail(exception));
        }
        catch (AmazonServiceException exception)
        {
            return StageOutcome.Fail($"failed to open EIC tunnel: {exception.Message}", AwsDetail(exception));
        }

        return StageOutcome.Pass(
            $"{_tunnel.LocalEndPoint} through {_tunnel.EndpointId} to {instance.PrivateIpAddress}:22 (subnet {instance.SubnetId}, vpc {instance.VpcId})");
    }

    // The local listener always accepts; whether the tunnel really carries traffic shows only when
    // sshd's banner comes back through it, so the stage waits for the first bytes.
    private async Task<StageOutcome> WaitForPortAsync(CancellationToken cancellationToken)
    {
        var tunnel = Tunnel;
        var closed = new TaskCompletionSource<EicTunnelException?>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnClosed(object? sender, EicTunnelConnectionClosedEventArgs args) => closed.TrySetResult(args.Failure);
        tunnel.ConnectionClosed += OnClosed;
        try
        {
            using var client = new TcpClient();
            try
            {
                await client.ConnectAsync(tunnel.LocalEndPoint, cancellationToken);
            }
            catch (SocketException exception)
            {
                return StageOutcome.Fail($"nothing listens on {tunnel.LocalEndPoint}", Clip(exception.Message + FailureSuffix(tunnel.LastFailure)));
            }

            var buffer = new byte[256];
            int read;
            try
            {
                read = await client.GetStream().ReadAsync(buffer, cancellationToken);
            }
            catch (IOException)
            {
                read = 0;
            }

            if (read > 0)
            {
                return StageOutcome.Pass($"{tunnel.LocalEndPoint} answered: {Clip(Encoding.ASCII.GetString(buffer, 0, read))}");
            }

            var failure = await ReportedFailureAsync(closed.Task, cancellationToken) ?? tunnel.LastFailure;
            return StageOutcome.Fail(
                $"the tunnel on {tunnel.LocalEndPoint} closed before sshd answered",
                failure is null ? "the tunnel reported no reason" : TunnelDetail(failure));
        }
        finally
        {
            tunnel.ConnectionClosed -= OnClosed;
        }
    }

    private async Task<EicTunnelException?> ReportedFailureAsync(Task<EicTunnelException?> closed, CancellationToken cancellationToken)
    {
        try
        {
            return await closed.WaitAsync(FailureReportWait, dependencies.Clock, cancellationToken);
        }
        catch (TimeoutException)
        {
            return null;
        }
    }

    private async Task<StageOutcome> ProbeAsync(CancellationToken cancellationToken)
    {
        var path = new SshPath(new SshEndpoint("127.0.0.1", Tunnel.LocalEndPoint.Port), osUser);
        ISshSession session;
        try
        {
            session = await dependencies.Ssh.ConnectAsync(path, Key, cancellationToken);
        }
        catch (SshSessionException exception)
        {
            // SSH.NET's own words ("Permission denied (publickey).") are what this endpoint exists for.
            return StageOutcome.Fail(exception.Message, exception.Kind + FailureSuffix(Tunnel.LastFailure));
        }

        await using (session)
        {
            SshCommandResult result;
            try
            {
                result = await session.RunAsync(
                    new SshCommandRequest("echo " + PosixShell.Quote(_marker)) { MaxOutputBytes = MaxProbeOutputBytes }, cancellationToken);
            }
            catch (SshSessionException exception)
            {
                return StageOutcome.Fail(exception.Message, exception.Kind.ToString());
            }

            if (result.ExitCode != 0)
            {
                var exit = result.ExitCode is { } code ? $"code {code.ToString(CultureInfo.InvariantCulture)}" : $"signal {result.ExitSignal}";
                return StageOutcome.Fail($"echo {_marker} exited with {exit}", Clip(result.StderrText + result.StdoutText));
            }

            return result.StdoutText.Trim() == _marker
                ? StageOutcome.Pass($"{osUser}@{instanceId} answered the marker (host key {session.HostKeyFingerprint})")
                : StageOutcome.Fail("the probe did not print its marker", Clip(result.StdoutText + result.StderrText));
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_tunnel is not null)
        {
            await _tunnel.DisposeAsync();
        }

        _key?.Dispose();
    }

    private SshKeyPair Key => _key ?? throw new InvalidOperationException("ssh-keygen did not run");

    private IEicTunnel Tunnel => _tunnel ?? throw new InvalidOperationException("open-tunnel did not run");

    private static string AwsDetail(AmazonServiceException exception) =>
        $"{exception.ErrorCode} (HTTP {((int)exception.StatusCode).ToString(CultureInfo.InvariantCulture)}, request id {exception.RequestId})";

    private static string TunnelDetail(EicTunnelException failure)
    {
        var parts = new List<string> { failure.Message, failure.Failure.ToString() };
        if (failure.CloseStatus is { } status)
        {
            parts.Add($"close {status.ToString(CultureInfo.InvariantCulture)} {failure.CloseReason}".TrimEnd());
        }

        if (failure.HttpStatus is { } http)
        {
            parts.Add($"HTTP {http.ToString(CultureInfo.InvariantCulture)}");
        }

        if (!string.IsNullOrEmpty(failure.RequestId))
        {
            parts.Add($"request id {failure.RequestId}");
        }

        return Clip(string.Join("; ", parts));
    }

    private static string FailureSuffix(EicTunnelException? failure) => failure is null ? "" : "; tunnel: " + TunnelDetail(failure);

    private static string Clip(string text)
    {
        var trimmed = text.Trim();
        return trimmed.Length <= MaxDetailChars ? trimmed : trimmed[..MaxDetailChars] + "…";
    }
}

/// <summary>
/// The external pieces the EC2 stages go through, each a real interface tests point at fakes. They
/// are resolved when a stage first uses them, so a host without AWS credentials still answers the
/// terminal's 501 and a diagnose that names the stage whose client could not be made.
/// </summary>
internal sealed class Ec2DiagnoseDependencies(IServiceProvider services)
{
    public IAmazonEC2 Ec2 => services.GetRequiredService<IAmazonEC2>();

    public IAmazonEC2InstanceConnect InstanceConnect => services.GetRequiredService<IAmazonEC2InstanceConnect>();

    public IEicTunnelFactory Tunnels => services.GetRequiredService<IEicTunnelFactory>();

    public ISshSessionConnector Ssh => services.GetRequiredService<ISshSessionConnector>();

    public TimeProvider Clock => services.GetRequiredService<TimeProvider>();
}
