using System.Net;
using Molecule.IntegrationTests.Workspaces;
using Molecule.Kernel.Compute;
using Molecule.Testing;
using static Molecule.IntegrationTests.Workspaces.WorkspacesTestKit;

namespace Molecule.IntegrationTests.Provisioner;

/// <summary>The provisioning paths that need a backend able to start, driven by a fake one.</summary>
public sealed class ProvisioningFlowTests
{
    [Fact]
    public async Task A_started_workspace_records_its_url_and_stays_provisioning_until_its_agent_registers()
    {
        var configs = Directory.CreateTempSubdirectory("molecule-configs-");
        try
        {
            var template = Directory.CreateDirectory(Path.Combine(configs.FullName, "researcher"));
            await File.WriteAllTextAsync(Path.Combine(template.FullName, "config.yaml"), "runtime: claude-code\nmodel: opus\n");
            var compute = new WorkspacesFakeCompute { OnStart = _ => new ProvisionResult(true, "http://127.0.0.1:18123", null, null) };
            await using var app = await WorkspacesApp.StartAsync(new Dictionary<string, string?> { ["CONFIGS_DIR"] = configs.FullName }, compute: compute);

            var id = await CreateAsync(app.Admin(), new { name = "Started", role = "writes", template = "researcher" });
            await SettleAsync(app, id);

            var row = (await RowAsync(app, id))!;
            row.Status.ShouldBe("provisioning");
            row.Url.ShouldBe("http://127.0.0.1:18123");
            row.Runtime.ShouldBe("claude-code");
            var request = compute.StartRequests.Single();
            request.Workspace.Id.ShouldBe(id);
            request.Template.ShouldBe(template.FullName);
            request.Environment["MOLECULE_AGENT_ROLE"].ShouldBe("writes");
            (await EventsAsync(app, id)).Select(e => e.Type).ShouldBe(["WORKSPACE_PROVISIONING"]);
        }
        finally
        {
            configs.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task An_instance_id_from_the_backend_is_stored_so_later_operations_dispatch_to_ec2()
    {
        var compute = new WorkspacesFakeCompute { OnStart = _ => new ProvisionResult(true, null, "i-0123456789", null) };
        await using var app = await WorkspacesApp.StartAsync(compute: compute);

        var id = await CreateAsync(app.Admin(), new { name = "On EC2" });
        await SettleAsync(app, id);

        var row = (await RowAsync(app, id))!;
        row.InstanceId.ShouldBe("i-0123456789");
        row.Url.ShouldBeNull();
    }

    [Fact]
    public async Task A_start_that_throws_fails_the_workspace_without_leaking_the_exception()
    {
        var compute = new WorkspacesFakeCompute { OnStart = _ => throw new InvalidOperationException("secret detail: password=hunter2") };
        await using var app = await WorkspacesApp.StartAsync(compute: compute);

        var id = await CreateAsync(app.Admin(), new { name = "Throws" });
        await SettleAsync(app, id);

        (await RowAsync(app, id))!.LastSampleError.ShouldBe("workspace start failed");
        (await EventsAsync(app, id))[1].Payload.ToJsonString().ShouldBe("""{"error":"workspace start failed"}""");
    }

    [Fact]
    public async Task An_agent_that_registers_before_its_start_returns_keeps_its_container()
    {
        WorkspacesApp? started = null;
        var compute = new WorkspacesFakeCompute();
        compute.OnStart = request =>
        {
            // A local container's agent can register before the backend's start call returns.
            using var register = started!.Db.CreateCommand("UPDATE workspaces SET status = 'online' WHERE id = $1");
            register.Parameters.Add(new Npgsql.NpgsqlParameter { Value = request.Workspace.Id });
            register.ExecuteNonQuery();
            return new ProvisionResult(true, "http://127.0.0.1:18004", null, null);
        };
        await using var app = started = await WorkspacesApp.StartAsync(compute: compute);

        var id = await CreateAsync(app.Admin(), new { name = "Quick agent" });
        await SettleAsync(app, id);

        var row = (await RowAsync(app, id))!;
        row.Status.ShouldBe("online");
        row.Url.ShouldBe("http://127.0.0.1:18004");
        compute.CallsTo("stop").ShouldBeEmpty();
    }

    [Fact]
    public async Task A_start_overtaken_by_a_pause_is_stopped_and_writes_nothing()
    {
        var release = new TaskCompletionSource();
        var compute = new WorkspacesFakeCompute();
        compute.OnStart = _ =>
        {
            release.Task.Wait(TimeSpan.FromSeconds(10));
            return new ProvisionResult(true, "http://127.0.0.1:18999", null, null);
        };
        await using var app = await WorkspacesApp.StartAsync(compute: compute);

        var id = await CreateAsync(app.Admin(), new { name = "Overtaken" });
        (await PostAsync(app.Admin(), $"/workspaces/{id}/pause")).Response.StatusCode.ShouldBe(HttpStatusCode.OK);
        release.SetResult();
        await SettleAsync(app, id);

        var row = (await RowAsync(app, id))!;
        row.Status.ShouldBe("paused");
        row.Url.ShouldBe("");
        compute.CallsTo("stop").Count.ShouldBe(2);
    }

    [Fact]
    public async Task A_start_overtaken_by_a_restart_is_discarded_and_the_newer_start_recorded()
    {
        var release = new TaskCompletionSource();
        var starts = 0;
        var compute = new WorkspacesFakeCompute();
        compute.OnStart = _ =>
        {
            if (Interlocked.Increment(ref starts) == 1)
            {
                release.Task.Wait(TimeSpan.FromSeconds(10));
                return new ProvisionResult(true, "http://127.0.0.1:18001", null, null);
            }

            return new ProvisionResult(true, "http://127.0.0.1:18002", null, null);
        };
        await using var app = await WorkspacesApp.StartAsync(compute: compute);

        var id = await CreateAsync(app.Admin(), new { name = "Restarted while starting" });
        (await PostAsync(app.Admin(), $"/workspaces/{id}/restart")).Response.StatusCode.ShouldBe(HttpStatusCode.OK);
        release.SetResult();
        await SettleAsync(app, id);

        var row = (await RowAsync(app, id))!;
        row.Status.ShouldBe("provisioning");
        row.Url.ShouldBe("http://127.0.0.1:18002");
        compute.Calls.Select(call => call.Action).ShouldBe(["start", "stop", "stop", "start"]);
    }

    [Fact]
    public async Task Renaming_a_workspace_while_it_starts_does_not_discard_the_start()
    {
        var release = new TaskCompletionSource();
        var compute = new WorkspacesFakeCompute();
        compute.OnStart = _ =>
        {
            release.Task.Wait(TimeSpan.FromSeconds(10));
            return new ProvisionResult(true, "http://127.0.0.1:18003", null, null);
        };
        await using var app = await WorkspacesApp.StartAsync(compute: compute);

        var id = await CreateAsync(app.Admin(), new { name = "Before" });
        (await SendAsync(app.Admin(), HttpMethod.Patch, $"/workspaces/{id}", """{"name":"After"}""")).Response.StatusCode.ShouldBe(HttpStatusCode.OK);
        release.SetResult();
        await SettleAsync(app, id);

        (await RowAsync(app, id))!.Url.ShouldBe("http://127.0.0.1:18003");
        compute.CallsTo("stop").ShouldBeEmpty();
    }

    [Fact]
    public async Task Secrets_that_do_not_decrypt_fail_the_start_before_the_backend_is_asked()
    {
        var compute = new WorkspacesFakeCompute();
        await using var app = await WorkspacesApp.StartAsync(compute: compute);
        await ExecuteAsync(app, "INSERT INTO global_secrets (key, encrypted_value, encryption_version) VALUES ('BROKEN', '\\x0102', 1)");

        var id = await CreateAsync(app.Admin(), new { name = "Undecryptable" });
        await SettleAsync(app, id);

        (await RowAsync(app, id))!.LastSampleError.ShouldBe("failed to decrypt global secret");
        (await EventsAsync(app, id))[1].Payload.ToJsonString().ShouldBe("""{"error":"failed to decrypt global secret"}""");
        compute.StartRequests.ShouldBeEmpty();
    }
}
