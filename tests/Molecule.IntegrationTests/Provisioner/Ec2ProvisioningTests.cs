using System.Net;
using Molecule.Provisioner.Ec2;
using static Molecule.IntegrationTests.Workspaces.WorkspacesTestKit;

namespace Molecule.IntegrationTests.Provisioner;

/// <summary>
/// The EC2 backend end to end through the HTTP API, against the AWS fakes: what is launched, what
/// the instance is told, and every lifecycle action's effect on the instance, its group and its
/// bootstrap secret.
/// </summary>
public sealed class Ec2ProvisioningTests
{
    private const string SecretValue = "sk-live-ec2-never-in-user-data-7f3a";

    [Fact]
    public async Task Create_on_ec2_launches_the_tier_s_instance_in_its_own_group_with_a_user_data_that_holds_no_secret()
    {
        await using var rig = await Ec2ProvisioningRig.StartAsync();
        var admin = rig.App.Admin();

        var id = await CreateAsync(admin, new
        {
            name = "Hermes on EC2",
            runtime = "hermes",
            tier = 3,
            compute_backend = "ec2",
            secrets = new Dictionary<string, string> { ["OPENAI_API_KEY"] = SecretValue },
        });
        await SettleAsync(rig.App, id);

        var row = (await RowAsync(rig.App, id))!;
        row.LastSampleError.ShouldBeNull();
        row.Status.ShouldBe("provisioning");
        row.InstanceId.ShouldNotBeNull();
        (await CountAsync(rig.App, "SELECT count(*) FROM workspaces WHERE id = @id AND compute_backend = 'ec2'", new { id })).ShouldBe(1);

        rig.Aws.Ec2.LaunchCount.ShouldBe(1);
        var instance = rig.Aws.Ec2.Instance(row.InstanceId!)!;
        instance.InstanceType.ShouldBe("t3.medium");
        instance.BlockDevices.Single().VolumeSizeGiB.ShouldBe(50); // tier 3 is 40 GB; hermes needs 50
        instance.ImageId.ShouldBe(Ec2ProvisioningRig.Ami);
        instance.SubnetId.ShouldBe(rig.Aws.Ec2.DefaultSubnetId);
        instance.IamInstanceProfile.ShouldBe(Ec2ProvisioningRig.Profile);
        instance.ClientToken.ShouldNotBeNullOrEmpty();

        var group = rig.WorkspaceGroup(id)!;
        group.VpcId.ShouldBe(rig.Aws.Ec2.DefaultVpcId);
        instance.SecurityGroupIds.ShouldBe([group.GroupId]);
        var rule = group.Ingress.ShouldHaveSingleItem();
        (rule.Protocol, rule.FromPort, rule.ToPort, rule.SourceGroupId, rule.CidrIp).ShouldBe(("tcp", 22, 22, rig.EndpointGroup, null));

        instance.Tags.ShouldBe(new Dictionary<string, string>
        {
            ["Name"] = $"ws-{id.ToString("D")[..12]}",
            ["WorkspaceID"] = id.ToString("D"),
            ["Runtime"] = "hermes",
            ["Role"] = "workspace",
            ["SGID"] = group.GroupId,
            ["OrgID"] = "",
            ["Environment"] = Ec2ProvisioningRig.Environment,
        }, ignoreOrder: true);

        var bundle = rig.Bundle(id)!;
        var token = bundle["auth_token"]!.GetValue<string>();
        token.ShouldNotBeNullOrWhiteSpace();
        bundle["env"]!["OPENAI_API_KEY"]!.GetValue<string>().ShouldBe(SecretValue);
        bundle["platform_url"]!.GetValue<string>().ShouldBe(Ec2ProvisioningRig.PlatformUrl);
        bundle["workspace_id"]!.GetValue<string>().ShouldBe(id.ToString("D"));

        instance.UserData.ShouldNotBeNull();
        instance.UserData.ShouldNotContain(SecretValue);
        instance.UserData.ShouldNotContain(token);
        instance.UserData.ShouldContain(Ec2ProvisioningRig.SecretName(id));
        instance.UserData.ShouldContain("workspace-template-hermes");

        // The token in the bundle is the workspace's live token: the agent registers with it.
        var events = await EventsAsync(rig.App, id);
        events.ShouldContain(e => e.Type == "WORKSPACE_PROVISION_PROGRESS" && e.Payload["stage"]!.GetValue<string>() == "instance_launched"
            && e.Payload["instance_id"]!.GetValue<string>() == row.InstanceId);
        events.Select(e => e.Payload.ToJsonString()).ShouldAllBe(payload => !payload.Contains(SecretValue) && !payload.Contains(token));
    }

    [Fact]
    public async Task Pause_resume_restart_and_delete_drive_one_instance_and_delete_removes_its_group_and_secret()
    {
        await using var rig = await Ec2ProvisioningRig.StartAsync();
        var admin = rig.App.Admin();
        var id = await CreateAsync(admin, new { name = "Lifecycle", compute_backend = "ec2" });
        await SettleAsync(rig.App, id);
        var instanceId = (await RowAsync(rig.App, id))!.InstanceId!;
        rig.Aws.Ec2.Instance(instanceId)!.InstanceType.ShouldBe("t3.medium");
        (await EventuallyAsync(() => rig.Aws.Ec2.StateOf(instanceId) == "running")).ShouldBeTrue();

        (await PostAsync(admin, $"/workspaces/{id}/pause")).Response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await EventuallyAsync(() => rig.Aws.Ec2.StateOf(instanceId) == "stopped")).ShouldBeTrue($"state {rig.Aws.Ec2.StateOf(instanceId)}");

        (await PostAsync(admin, $"/workspaces/{id}/resume")).Response.StatusCode.ShouldBe(HttpStatusCode.OK);
        await SettleAsync(rig.App, id);
        (await EventuallyAsync(() => rig.Aws.Ec2.StateOf(instanceId) == "running")).ShouldBeTrue($"state {rig.Aws.Ec2.StateOf(instanceId)}");

        var before = rig.Bundle(id)!["auth_token"]!.GetValue<string>();
        var stopsBefore = rig.Aws.Ec2.Calls.Count(call => call == "StopInstances");
        var (restart, restartBody) = await PostAsync(admin, $"/workspaces/{id}/restart", "{}");
        restart.StatusCode.ShouldBe(HttpStatusCode.OK, restartBody?.ToJsonString());
        await SettleAsync(rig.App, id);
        (await RowAsync(rig.App, id))!.LastSampleError.ShouldBeNull();
        rig.Bundle(id)!["auth_token"]!.GetValue<string>().ShouldNotBe(before); // a new bundle version, rotated token
        rig.Aws.Ec2.Calls.Count(call => call == "StopInstances").ShouldBeGreaterThan(stopsBefore);
        rig.Aws.Ec2.Calls.ShouldContain("StartInstances");
        (await EventuallyAsync(() => rig.Aws.Ec2.StateOf(instanceId) == "running")).ShouldBeTrue($"state {rig.Aws.Ec2.StateOf(instanceId)}");
        rig.Aws.Ec2.LaunchCount.ShouldBe(1);
        (await RowAsync(rig.App, id))!.InstanceId.ShouldBe(instanceId);

        var (deleted, deleteBody) = await SendAsync(admin, HttpMethod.Delete, $"/workspaces/{id}");
        deleted.StatusCode.ShouldBe(HttpStatusCode.OK, deleteBody?.ToJsonString());
        rig.Aws.Ec2.StateOf(instanceId).ShouldBe("terminated");
        rig.WorkspaceGroup(id).ShouldBeNull();
        rig.Aws.SecretsManager.Names.ShouldNotContain(Ec2ProvisioningRig.SecretName(id));
        rig.Aws.Ec2.LaunchCount.ShouldBe(1);
    }

    [Fact]
    public async Task A_delete_whose_instance_does_not_terminate_in_time_reports_it_and_a_retry_completes()
    {
        await using var rig = await Ec2ProvisioningRig.StartAsync();
        var admin = rig.App.Admin();
        var id = await CreateAsync(admin, new { name = "Stuck shutdown", compute_backend = "ec2" });
        await SettleAsync(rig.App, id);
        var instanceId = (await RowAsync(rig.App, id))!.InstanceId!;
        rig.Aws.Ec2.HoldTransitions(instanceId);

        var (first, firstBody) = await SendAsync(admin, HttpMethod.Delete, $"/workspaces/{id}");
        first.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        firstBody.Text("error").ShouldContain(instanceId);
        firstBody.Text("error").ShouldContain("please retry");
        rig.Aws.Ec2.StateOf(instanceId).ShouldBe("shutting-down");
        rig.WorkspaceGroup(id).ShouldNotBeNull(); // nothing is released while the instance may still hold it
        rig.Aws.SecretsManager.Names.ShouldContain(Ec2ProvisioningRig.SecretName(id));

        rig.Aws.Ec2.ReleaseTransitions(instanceId);
        var (second, secondBody) = await SendAsync(admin, HttpMethod.Delete, $"/workspaces/{id}");
        second.StatusCode.ShouldBe(HttpStatusCode.OK, secondBody?.ToJsonString());
        rig.Aws.Ec2.StateOf(instanceId).ShouldBe("terminated");
        rig.WorkspaceGroup(id).ShouldBeNull();
        rig.Aws.SecretsManager.Names.ShouldNotContain(Ec2ProvisioningRig.SecretName(id));
    }

    [Fact]
    public async Task A_throttled_run_instances_is_retried_into_exactly_one_instance()
    {
        await using var rig = await Ec2ProvisioningRig.StartAsync();
        rig.Aws.Ec2.Faults.FailNext("RunInstances", "RequestLimitExceeded", 2);

        var id = await CreateAsync(rig.App.Admin(), new { name = "Throttled", compute_backend = "ec2" });
        await SettleAsync(rig.App, id);

        var row = (await RowAsync(rig.App, id))!;
        row.LastSampleError.ShouldBeNull();
        row.InstanceId.ShouldNotBeNull();
        rig.Aws.Ec2.Calls.Count(call => call == "RunInstances").ShouldBe(3);
        rig.Aws.Ec2.LaunchCount.ShouldBe(1);
        rig.Aws.Ec2.Instances.ShouldHaveSingleItem().InstanceId.ShouldBe(row.InstanceId);
    }

    [Fact]
    public async Task A_start_retried_after_the_instance_id_was_lost_gets_the_same_instance_and_a_vanished_one_is_replaced()
    {
        await using var rig = await Ec2ProvisioningRig.StartAsync();
        var admin = rig.App.Admin();
        var id = await CreateAsync(admin, new { name = "Crash in between", compute_backend = "ec2" });
        await SettleAsync(rig.App, id);
        var first = (await RowAsync(rig.App, id))!.InstanceId!;

        // The process died after RunInstances answered and before the row kept the id: the retry
        // derives the same ClientToken and AWS answers the instance it already launched.
        await ExecuteAsync(rig.App, "UPDATE workspaces SET instance_id = NULL WHERE id = @id", new { id });
        (await PostAsync(admin, $"/workspaces/{id}/restart", "{}")).Response.StatusCode.ShouldBe(HttpStatusCode.OK);
        await SettleAsync(rig.App, id);
        (await RowAsync(rig.App, id))!.InstanceId.ShouldBe(first);
        rig.Aws.Ec2.LaunchCount.ShouldBe(1);

        // An instance AWS no longer knows is replaced by a new launch (a new attempt, a new token) in the same group.
        rig.Aws.Ec2.Vanish(first).ShouldBeTrue();
        (await PostAsync(admin, $"/workspaces/{id}/restart", "{}")).Response.StatusCode.ShouldBe(HttpStatusCode.OK);
        await SettleAsync(rig.App, id);
        var second = (await RowAsync(rig.App, id))!;
        second.LastSampleError.ShouldBeNull();
        second.InstanceId.ShouldNotBe(first);
        rig.Aws.Ec2.LaunchCount.ShouldBe(2);
        rig.Aws.Ec2.Instance(second.InstanceId!)!.SecurityGroupIds.ShouldBe([rig.WorkspaceGroup(id)!.GroupId]);
    }

    [Fact]
    public async Task An_unknown_compute_backend_is_refused()
    {
        await using var rig = await Ec2ProvisioningRig.StartAsync();
        var (response, body) = await PostAsync(rig.App.Admin(), "/workspaces", """{"name":"x","compute_backend":"bogus"}""");
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        body.Text("error").ShouldBe("invalid compute_backend: must be docker or ec2");
        (await CountAsync(rig.App, "SELECT count(*) FROM workspaces")).ShouldBe(0);
        rig.Aws.Ec2.Calls.ShouldBe(["CreateSecurityGroup"]); // only the rig's own endpoint group
    }

    [Fact]
    public async Task Ec2_without_its_configuration_is_refused_naming_each_missing_variable()
    {
        await using var app = await Testing.WorkspacesApp.StartAsync();
        var (response, body) = await PostAsync(app.Admin(), "/workspaces", """{"name":"x","compute_backend":"ec2"}""");
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var error = body.Text("error");
        error.ShouldStartWith("the ec2 backend is not configured: missing EC2_AMI, EC2_SUBNET_ID, EC2_VPC_ID");
        error.ShouldContain("EC2_TENANT_IAM_PROFILE");
        (await CountAsync(app, "SELECT count(*) FROM workspaces")).ShouldBe(0);

        // Docker needs nothing up front, and an external workspace never runs here.
        await CreateAsync(app.Admin(), new { name = "docker", compute_backend = "docker" });
        await CreateAsync(app.Admin(), new { name = "external", compute_backend = "ec2", external = true });
    }

    [Fact]
    public async Task Without_an_instance_profile_ec2_is_refused_at_create_and_at_start()
    {
        await using var rig = await Ec2ProvisioningRig.StartAsync(settings => settings.Remove("EC2_TENANT_IAM_PROFILE"));
        var admin = rig.App.Admin();
        var (response, body) = await PostAsync(admin, "/workspaces", """{"name":"x","compute_backend":"ec2"}""");
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        body.Text("error").ShouldBe($"the ec2 backend is not configured: missing {Ec2Readiness.ProfileRequired}");

        // A workspace created on EC2 earlier (when the profile was configured) is refused at its next start.
        var id = await InsertAsync(rig.App, "Earlier on EC2", status: "offline", url: null);
        await ExecuteAsync(rig.App, "UPDATE workspaces SET compute_backend = 'ec2' WHERE id = @id", new { id });
        (await PostAsync(admin, $"/workspaces/{id}/restart", "{}")).Response.StatusCode.ShouldBe(HttpStatusCode.OK);
        await SettleAsync(rig.App, id);

        var row = (await RowAsync(rig.App, id))!;
        row.Status.ShouldBe("failed");
        row.LastSampleError.ShouldBe($"EC2 provisioning refused: the ec2 backend is not configured: missing {Ec2Readiness.ProfileRequired}");
        rig.Aws.Ec2.Calls.ShouldBe(["CreateSecurityGroup"]); // only the rig's own endpoint group
        rig.Aws.SecretsManager.Names.ShouldBeEmpty();
    }

    private static async Task<bool> EventuallyAsync(Func<bool> condition)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (condition())
            {
                return true;
            }

            await Task.Delay(100);
        }

        return condition();
    }
}
