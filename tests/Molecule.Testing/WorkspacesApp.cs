using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Molecule.Kernel.Compute;

namespace Molecule.Testing;

/// <summary>
/// The Molecule host for workspace tests: the stand-ins of <see cref="WorkspacesTestServices"/>,
/// optionally a fake clock and a fake compute backend in place of the (not yet built) Docker one.
/// </summary>
public sealed class WorkspacesApp : MoleculeApp
{
    public WorkspacesFakeClock? Clock { get; private init; }

    public WorkspacesFakeCompute? Compute { get; private init; }

    private Action<IServiceCollection>? ConfigureServices { get; init; }

    public static async Task<WorkspacesApp> StartAsync(
        IDictionary<string, string?>? settings = null,
        WorkspacesFakeClock? clock = null,
        WorkspacesFakeCompute? compute = null,
        Action<IServiceCollection>? configureServices = null)
    {
        var app = new WorkspacesApp { Clock = clock, Compute = compute, ConfigureServices = configureServices };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            app.Settings[key] = value;
        }

        await app.InitializeAsync();
        return app;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.AddWorkspacesStandIns();
            if (Clock is not null)
            {
                services.AddSingleton<TimeProvider>(Clock);
            }

            if (Compute is not null)
            {
                services.AddKeyedSingleton<IWorkspaceCompute>(Backend.Docker, Compute);
                services.AddKeyedSingleton<IWorkspaceCompute>(Backend.Ec2, Compute);
            }

            ConfigureServices?.Invoke(services);
        });
    }
}
