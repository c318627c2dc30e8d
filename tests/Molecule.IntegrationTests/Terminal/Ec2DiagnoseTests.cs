using System.Text.Json.Nodes;
using Molecule.Aws.Tunnel;
using Molecule.IntegrationTests.Ssh;
using Molecule.Testing;
using Molecule.Testing.Aws.Tunnel;

namespace Molecule.IntegrationTests.Terminal;

/// <summary>
/// The EC2 diagnose end to end: the real key, AWS clients and tunnel against the AWS fakes, the
/// tunnel endpoint fake bridging to the real sshd, and SSH.NET's probe on it.
/// </summary>
[Collection(SshdCollection.Name)]
public sealed class Ec2DiagnoseTests
{
    private static readonly string[] AllStages =
        ["ssh-keygen", "send-ssh-public-key", "pick-free-port", "open-tunnel", "wait-for-port", "ssh-probe"];

    [SshdFact]
    public async Task A_reachable_instance_passes_every_stage_with_the_pushed_key()
    {
        await using var rig = await Ec2DiagnoseRig.StartAsync();
        var (workspace, instanceId) = await rig.RunningWorkspaceAsync();

        var body = await rig.DiagnoseAsync(workspace);

        body["workspace_id"]!.GetValue<string>().ShouldBe(workspace.ToString());
        body["backend"]!.GetValue<string>().ShouldBe("ec2");
        body["instance_id"]!.GetValue<string>().ShouldBe(instanceId);
        body["first_failure"].ShouldBeNull(body.ToJsonString());
        body["ok"]!.GetValue<bool>().ShouldBeTrue();
        StepNames(body).ShouldBe(AllStages);
        foreach (var step in body["steps"]!.AsArray())
        {
            step!["ok"]!.GetValue<bool>().ShouldBeTrue();
            step["error"]!.GetValue<string>().ShouldBeEmpty();
        }

        var pushed = rig.Aws.InstanceConnect.PushedKeys.ShouldHaveSingleItem();
        pushed.InstanceId.ShouldBe(instanceId);
        pushed.OsUser.ShouldBe(SshdServer.Require().User);
        Detail(body, "ssh-keygen").ShouldContain("SHA256:");
        Detail(body, "wait-for-port").ShouldContain("SSH-2.0");
        rig.Endpoint.Requests.ShouldNotBeEmpty();
        rig.Endpoint.Requests.ShouldAllBe(request => request.PrivateIpAddress == rig.Aws.Ec2.Instance(instanceId)!.PrivateIpAddress);
        Detail(body, "ssh-probe").ShouldContain("answered the marker");
    }

    [SshdFact]
    public async Task An_IAM_denial_fails_at_send_ssh_public_key_with_the_AWS_code()
    {
        await using var rig = await Ec2DiagnoseRig.StartAsync();
        var (workspace, _) = await rig.RunningWorkspaceAsync();
        rig.Aws.InstanceConnect.DenyAccess = true;

        var body = await rig.DiagnoseAsync(workspace);

        body["ok"]!.GetValue<bool>().ShouldBeFalse();
        body["first_failure"]!.GetValue<string>().ShouldBe("send-ssh-public-key");
        StepNames(body).ShouldBe(AllStages[..2]);
        Error(body, "send-ssh-public-key").ShouldContain("not authorized to perform: ec2-instance-connect:SendSSHPublicKey");
        Detail(body, "send-ssh-public-key").ShouldStartWith("AccessDeniedException (HTTP 400, request id ");
    }

    [SshdFact]
    public async Task A_missing_Instance_Connect_endpoint_fails_at_open_tunnel()
    {
        await using var rig = await Ec2DiagnoseRig.StartAsync(withInstanceConnectEndpoint: false);
        var (workspace, _) = await rig.RunningWorkspaceAsync();

        var body = await rig.DiagnoseAsync(workspace);

        body["first_failure"]!.GetValue<string>().ShouldBe("open-tunnel");
        StepNames(body).ShouldBe(AllStages[..4]);
        Error(body, "open-tunnel").ShouldBe("failed to open EIC tunnel");
        Detail(body, "open-tunnel").ShouldContain(nameof(EicTunnelFailure.EndpointNotFound));
        rig.Endpoint.Requests.ShouldBeEmpty();
    }

    [SshdFact]
    public async Task A_tunnel_the_endpoint_refuses_fails_at_wait_for_port_with_its_reason()
    {
        await using var rig = await Ec2DiagnoseRig.StartAsync();
        var (workspace, _) = await rig.RunningWorkspaceAsync();
        rig.Endpoint.Refusal = new EicTunnelRefusal(4003, "tunnel refused");

        var body = await rig.DiagnoseAsync(workspace);

        body["first_failure"]!.GetValue<string>().ShouldBe("wait-for-port");
        StepNames(body).ShouldBe(AllStages[..5]);
        Error(body, "wait-for-port").ShouldContain("closed before sshd answered");
        Detail(body, "wait-for-port").ShouldContain("close 4003 tunnel refused");
    }

    [SshdFact]
    public async Task A_key_sshd_does_not_accept_fails_at_ssh_probe_with_sshs_words()
    {
        await using var rig = await Ec2DiagnoseRig.StartAsync();
        rig.AuthorizeLine = _ => null;
        var (workspace, _) = await rig.RunningWorkspaceAsync();

        var body = await rig.DiagnoseAsync(workspace);

        body["first_failure"]!.GetValue<string>().ShouldBe("ssh-probe");
        StepNames(body).ShouldBe(AllStages);
        Error(body, "ssh-probe").ShouldContain("Permission denied (publickey)");
        Detail(body, "ssh-probe").ShouldStartWith("Authentication");
    }

    [SshdFact]
    public async Task A_probe_that_exits_non_zero_fails_at_ssh_probe_with_its_stderr()
    {
        await using var rig = await Ec2DiagnoseRig.StartAsync();
        // A forced command in authorized_keys, as a locked-down instance might have: sshd runs it
        // instead of the probe's echo, so the probe sees a real non-zero exit and stderr.
        rig.AuthorizeLine = key => $"command=\"echo this account is locked >&2; exit 3\" {key}";
        var (workspace, _) = await rig.RunningWorkspaceAsync();

        var body = await rig.DiagnoseAsync(workspace);

        body["first_failure"]!.GetValue<string>().ShouldBe("ssh-probe");
        Error(body, "ssh-probe").ShouldEndWith("exited with code 3");
        Detail(body, "ssh-probe").ShouldBe("this account is locked");
    }

    private static string[] StepNames(JsonNode body) =>
        [.. body["steps"]!.AsArray().Select(step => step!["name"]!.GetValue<string>())];

    private static JsonNode Step(JsonNode body, string name) =>
        body["steps"]!.AsArray().Single(step => step!["name"]!.GetValue<string>() == name)!;

    private static string Error(JsonNode body, string name) => Step(body, name)["error"]!.GetValue<string>();

    private static string Detail(JsonNode body, string name) => Step(body, name)["detail"]!.GetValue<string>();
}
