using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Molecule.Kernel.Compute;

namespace Molecule.Testing;

/// <summary>
/// The Molecule host for workspace tests, optionally with a fake clock (its background sweeps idle: tests call their passes), a fake compute backend in
/// place of the (not yet built) Docker and EC2 ones, and further service overrides. ADMIN_TOKEN is
/// set, so auth is enforced as in production; <see cref="Admin"/> is a client that carries it.
/// </summary>
public sealed class WorkspacesApp : MoleculeApp
{
    public const string AdminToken = "workspaces-test-admin-token";

    public WorkspacesApp() => Settings["ADMIN_TOKEN"] = AdminToken;

    public FakeTimeProvider? Clock { get; private init; }

    public WorkspacesFakeCompute? Compute { get; private init; }

    private Action<IServiceCollection>? ConfigureServices { get; init; }

    public static async Task<WorkspacesApp> StartAsync(
        IDictionary<string, string?>? settings = null,
        FakeTimeProvider? clock = null,
        WorkspacesFakeCompute? compute = null,
        Action<IServiceCollection>? configureServices = null)
    {
        var app = new WorkspacesApp { Clock = clock, Compute = compute, ConfigureServices = configureServices };
        foreach (var (key, value) in clock is null ? new Dictionary<string, string?>() : FakeClockSettings.IdleSweeps)
        {
            app.Settings[key] = value;
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            app.Settings[key] = value;
        }

        await app.InitializeAsync();
        return app;
    }

    /// <summary>A client authenticated with ADMIN_TOKEN.</summary>
    public HttpClient Admin() => Client(AdminToken);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
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
