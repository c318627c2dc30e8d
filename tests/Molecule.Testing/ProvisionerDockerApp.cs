using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Molecule.Testing;

/// <summary>
/// The Molecule host on a real Kestrel socket (loopback, free port) wired to the private dockerd:
/// workspace containers run on the host network, so their agents reach this server over loopback.
/// The runtime <c>langgraph</c> maps to the test agent image; MOLECULE_ENV=development lets the
/// agents' loopback URLs pass the register policy. Containers and volumes it creates carry the
/// fixture's run label plus one of this app's own, so its reconcile loop never touches another
/// app's containers and the fixture removes whatever a test leaves.
/// </summary>
public sealed class ProvisionerDockerApp : WebApplicationFactory<Program>
{
    public const string AdminToken = "provisioner-test-admin-token";
    public const string AppLabel = "molecule.test.app";

    private readonly Dictionary<string, string?> _settings;
    private NpgsqlDataSource? _db;

    private ProvisionerDockerApp(Dictionary<string, string?> settings) => _settings = settings;

    /// <summary>Sees every event the app publishes, broadcast-only progress included.</summary>
    public EventRecorder Events { get; } = new();

    /// <summary>The server's address, e.g. <c>http://127.0.0.1:41234</c>; also the agents' PLATFORM_URL.</summary>
    public string Url { get; private set; } = "";

    public string AppId { get; } = Guid.NewGuid().ToString("N")[..12];

    /// <summary>MOLECULE_DOCKER_LABELS as this app sets it.</summary>
    public string ExtraLabels => _settings["MOLECULE_DOCKER_LABELS"]!;

    public NpgsqlDataSource Db => _db ?? throw new InvalidOperationException("the app is not started");

    /// <summary>Boots the app on Kestrel with <paramref name="overrides"/> on top of the Docker test settings.</summary>
    public static async Task<ProvisionerDockerApp> StartAsync(DockerEngineFixture docker, IDictionary<string, string?>? overrides = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["DATABASE_URL"] = await TestDatabase.CreateAsync(),
            ["ADMIN_TOKEN"] = AdminToken,
            ["MOLECULE_ENV"] = "development",
            ["DOCKER_HOST"] = docker.Host,
            ["DOCKER_NETWORK"] = "host",
            ["MOLECULE_RUNTIME_IMAGES"] = $"langgraph={docker.AgentImage}",
            ["Provisioner:ReconcileIntervalSeconds"] = "3600",
            ["Provisioner:ReconcileMinAgeSeconds"] = "0",
        };
        var app = new ProvisionerDockerApp(settings);
        settings["MOLECULE_DOCKER_LABELS"] = $"{DockerEngineFixture.RunLabel}={docker.RunId},{AppLabel}={app.AppId}";
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        app.UseKestrel(0);
        app.StartServer();
        app.Url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        app._db = NpgsqlDataSource.Create(Kernel.Data.PostgresUrl.ToConnectionString(settings["DATABASE_URL"]!));
        return app;
    }

    /// <summary>A client of the real socket carrying ADMIN_TOKEN (or <paramref name="bearer"/>; empty for none).</summary>
    public HttpClient Admin(string? bearer = AdminToken)
    {
        var client = new HttpClient { BaseAddress = new Uri(Url), Timeout = TimeSpan.FromSeconds(60) };
        if (!string.IsNullOrEmpty(bearer))
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        return client;
    }

    public override async ValueTask DisposeAsync()
    {
        if (_db is not null)
        {
            await _db.DisposeAsync();
        }

        await base.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");

        // An explicit loopback URL keeps the host from also binding its default PORT (8080).
        builder.UseSetting(WebHostDefaults.ServerUrlsKey, "http://127.0.0.1:0");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(Events.Install);
    }
}
