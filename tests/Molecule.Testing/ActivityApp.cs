using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;

namespace Molecule.Testing;

/// <summary>
/// A Molecule host for the activity and delegation tests: ADMIN_TOKEN enforced, loopback agents
/// allowed (MOLECULE_ENV=development), a short delegation retry delay and A2A idle timeout, and an
/// <see cref="EventRecorder"/> that sees broadcast-only events too.
/// </summary>
public sealed class ActivityApp : MoleculeApp
{
    public const string AdminToken = "activity-admin-token";

    public ActivityApp()
    {
        Settings["ADMIN_TOKEN"] = AdminToken;
        Settings["MOLECULE_ENV"] = "development";
        Settings["DELEGATION_RETRY_DELAY_MS"] = "200";
        Settings["A2A_IDLE_TIMEOUT_SECONDS"] = "1";
    }

    public EventRecorder Events { get; } = new();

    /// <summary>A client authenticated with the admin token, which passes WorkspaceAuth and AdminAuth.</summary>
    public HttpClient Admin() => Client(AdminToken);

    /// <summary>Starts an app with these settings on top of the defaults; dispose it with <c>await using</c>.</summary>
    public static async Task<ActivityApp> StartWithAsync(IDictionary<string, string?> settings)
    {
        var app = new ActivityApp();
        foreach (var (key, value) in settings)
        {
            app.Settings[key] = value;
        }

        await app.InitializeAsync();
        return app;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(Events.Install);
    }
}
