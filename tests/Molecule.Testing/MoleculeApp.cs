using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Npgsql;
using Xunit;

namespace Molecule.Testing;

/// <summary>
/// The whole Molecule host in memory against its own real Postgres database.
/// Settings use the reference's environment variable names (ADMIN_TOKEN, MOLECULE_ENV …).
/// </summary>
public class MoleculeApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    private NpgsqlDataSource? _db;

    /// <summary>
    /// Configuration for this app, set before <see cref="InitializeAsync"/>:
    /// <c>new MoleculeApp { Settings = { ["ADMIN_TOKEN"] = "t" } }</c>.
    /// </summary>
    public Dictionary<string, string?> Settings { get; } = [];

    public string DatabaseUrl { get; private set; } = "";

    /// <summary>
    /// The engine this app talks to: the <c>DOCKER_HOST</c> setting when a test gives one (the private
    /// dockerd, <see cref="DockerEngineFixture.Host"/>), else a socket in a directory that does not
    /// exist, unique to this app. Never the machine's default socket or an exported DOCKER_HOST, so a
    /// Docker running on the machine changes no test.
    /// </summary>
    public string DockerHost =>
        Settings.TryGetValue(DockerHostSetting, out var configured) && !string.IsNullOrEmpty(configured) ? configured : _noDockerHost;

    private const string DockerHostSetting = "DOCKER_HOST";

    private readonly string _noDockerHost = $"unix:///tmp/molecule-no-docker-{Guid.NewGuid():N}/docker.sock";

    /// <summary>Direct access to this app's database, for arranging and asserting rows.</summary>
    public NpgsqlDataSource Db => _db ?? throw new InvalidOperationException("InitializeAsync has not run");

    public async Task InitializeAsync()
    {
        DatabaseUrl = await TestDatabase.CreateAsync();
        _db = NpgsqlDataSource.Create(Kernel.Data.PostgresUrl.ToConnectionString(DatabaseUrl));
        _ = Server; // boot now: migrations run, options validate
    }

    /// <summary>Creates and boots an app with extra settings; dispose it with <c>await using</c>.</summary>
    public static async Task<MoleculeApp> StartAsync(IDictionary<string, string?> settings)
    {
        var app = new MoleculeApp();
        foreach (var (key, value) in settings)
        {
            app.Settings[key] = value;
        }

        await app.InitializeAsync();
        return app;
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        if (_db is not null)
        {
            await _db.DisposeAsync();
        }

        await DisposeAsync();
    }

    /// <summary>A client; with <paramref name="bearer"/> it sends <c>Authorization: Bearer …</c>.</summary>
    public HttpClient Client(string? bearer = null)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        if (bearer is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("DATABASE_URL", DatabaseUrl);
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.UseSetting(DockerHostSetting, DockerHost);
    }
}
