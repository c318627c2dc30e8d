using System.Net;
using System.Text.Json.Nodes;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Molecule.Kernel.Compute;
using Molecule.Testing;
using static Molecule.IntegrationTests.Workspaces.WorkspacesTestKit;

namespace Molecule.IntegrationTests.Workspaces;

/// <summary>
/// compute_backend is written once at create and is the only fallback of dispatch: changing
/// Provisioner:DefaultBackend moves no existing workspace (and so strands no volume).
/// </summary>
public sealed class ComputeBackendTests
{
    [Fact]
    public async Task Switching_the_default_to_ec2_leaves_an_existing_docker_workspace_and_its_volumes_on_docker()
    {
        var docker = new WorkspacesFakeCompute();
        var ec2 = new WorkspacesFakeCompute();
        var policy = new SwitchablePolicy { DefaultBackend = Backend.Docker };
        await using var app = await StartAsync(docker, ec2, policy);

        var id = await CreateAsync(app.Admin(), new { name = "Stays on Docker" });
        await SettleAsync(app, id);
        (await BackendOfAsync(app, id)).ShouldBe("docker");
        docker.CallsTo("start").ShouldBe([id]);

        policy.DefaultBackend = Backend.Ec2;

        var (restart, _) = await PostAsync(app.Admin(), $"/workspaces/{id}/restart", "{}");
        restart.StatusCode.ShouldBe(HttpStatusCode.OK);
        await SettleAsync(app, id);
        (await PostAsync(app.Admin(), $"/workspaces/{id}/pause")).Response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await PostAsync(app.Admin(), $"/workspaces/{id}/resume")).Response.StatusCode.ShouldBe(HttpStatusCode.OK);
        await SettleAsync(app, id);

        docker.CallsTo("start").ShouldBe([id, id, id]);
        docker.CallsTo("stop").ShouldBe([id, id]);
        docker.CallsTo("delete").ShouldBeEmpty();
        ec2.Calls.ShouldBeEmpty();
        (await BackendOfAsync(app, id)).ShouldBe("docker");
        (await RowAsync(app, id))!.InstanceId.ShouldBeNull();
    }

    [Fact]
    public async Task A_workspace_created_under_the_ec2_default_starts_on_ec2_before_it_has_an_instance_and_says_so()
    {
        var docker = new WorkspacesFakeCompute();
        var ec2 = new WorkspacesFakeCompute();
        var policy = new SwitchablePolicy { DefaultBackend = Backend.Ec2 };
        await using var app = await StartAsync(docker, ec2, policy);

        var id = await CreateAsync(app.Admin(), new { name = "On EC2" });
        await SettleAsync(app, id);
        policy.DefaultBackend = Backend.Docker;
        (await PostAsync(app.Admin(), $"/workspaces/{id}/restart", "{}")).Response.StatusCode.ShouldBe(HttpStatusCode.OK);
        await SettleAsync(app, id);

        ec2.CallsTo("start").ShouldBe([id, id]);
        docker.Calls.ShouldBeEmpty();
        (await BackendOfAsync(app, id)).ShouldBe("ec2");

        var detail = JsonNode.Parse(await app.Admin().GetStringAsync($"/workspaces/{id}"))!;
        detail["compute_backend"]!.GetValue<string>().ShouldBe("ec2");
        var listed = JsonNode.Parse(await app.Admin().GetStringAsync("/workspaces"))!.AsArray().Single(item => item!["id"]!.GetValue<string>() == id.ToString());
        listed!["compute_backend"]!.GetValue<string>().ShouldBe("ec2");
    }

    [Fact]
    public async Task The_column_refuses_an_unknown_backend_and_defaults_rows_created_without_one_to_docker()
    {
        await using var app = await WorkspacesApp.StartAsync();
        var seeded = await InsertAsync(app, "Seeded");
        (await BackendOfAsync(app, seeded)).ShouldBe("docker");

        await Should.ThrowAsync<Npgsql.PostgresException>(
            () => ExecuteAsync(app, "UPDATE workspaces SET compute_backend = 'kubernetes' WHERE id = @seeded", new { seeded }));
    }

    private static Task<WorkspacesApp> StartAsync(WorkspacesFakeCompute docker, WorkspacesFakeCompute ec2, SwitchablePolicy policy) =>
        WorkspacesApp.StartAsync(configureServices: services =>
        {
            services.AddKeyedSingleton<IWorkspaceCompute>(Backend.Docker, docker);
            services.AddKeyedSingleton<IWorkspaceCompute>(Backend.Ec2, ec2);
            services.RemoveAll<IProvisioningPolicy>();
            services.AddSingleton<IProvisioningPolicy>(policy);
        });

    private static async Task<string> BackendOfAsync(MoleculeApp app, Guid id)
    {
        await using var connection = await app.Db.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<string>("SELECT compute_backend FROM workspaces WHERE id = @id", new { id }) ?? "";
    }

    /// <summary>The operator changing Provisioner:DefaultBackend between two boots, within one test.</summary>
    private sealed class SwitchablePolicy : IProvisioningPolicy
    {
        public Backend DefaultBackend { get; set; }

        public TimeSpan ProvisionTimeoutFor(string runtime) => TimeSpan.FromMinutes(10);

        public TimeSpan TimeoutSweepInterval => TimeSpan.FromHours(1);
    }
}
