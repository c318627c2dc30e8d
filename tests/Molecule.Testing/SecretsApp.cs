using Dapper;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Molecule.Kernel.Auth;
using Molecule.Kernel.Workspaces;

namespace Molecule.Testing;

/// <summary>
/// A <see cref="MoleculeApp"/> whose workspace restarts are recorded instead of performed, with
/// helpers to arrange workspaces and tokens for the secrets tests.
/// </summary>
public sealed class SecretsApp : MoleculeApp
{
    // Every level of our own code reaches the capture (and the console), whatever the environment's default level is.
    public SecretsApp() => Settings["Logging:LogLevel:Molecule"] = "Trace";

    public SecretsRestartRecorder Restarts { get; } = new();

    /// <summary>Every log line the host wrote, for asserting that secret values never reach a log.</summary>
    public SecretsLogCapture Logs { get; } = new();

    public static async Task<SecretsApp> BootAsync(IDictionary<string, string?>? settings = null)
    {
        var app = new SecretsApp();
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            app.Settings[key] = value;
        }

        await app.InitializeAsync();
        return app;
    }

    /// <summary>Inserts a workspace row directly and returns its id.</summary>
    public Task<Guid> CreateWorkspaceAsync(string name = "ws", string status = "online", string runtime = "langgraph") =>
        Db.InsertWorkspaceAsync(new WorkspaceSeed { Name = name, Status = status, Runtime = runtime });

    /// <summary>Mints a live workspace token bound to <paramref name="workspaceId"/>.</summary>
    public Task<string> IssueTokenAsync(Guid workspaceId) =>
        Services.GetRequiredService<IWorkspaceTokens>().IssueAsync(workspaceId);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<IWorkspaceLifecycle>(Restarts);
            services.AddSingleton<ILoggerProvider>(Logs);
        });
    }
}
