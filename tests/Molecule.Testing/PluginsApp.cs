using Dapper;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Molecule.Kernel.Workspaces;

namespace Molecule.Testing;

/// <summary>
/// The Molecule host for plugin tests: ADMIN_TOKEN set (auth enforced), a dev environment so the fake
/// GitHub on loopback passes the SSRF guard, its own plugin registry directory and fake GitHub,
/// DOCKER_HOST from scripts/test.sh, and restarts recorded instead of performed.
/// </summary>
public sealed class PluginsApp : MoleculeApp
{
    public const string AdminToken = "plugins-test-admin-token";

    public PluginsApp()
        : this(null)
    {
    }

    private PluginsApp(IDictionary<string, string?>? settings)
    {
        PluginsDir = Directory.CreateTempSubdirectory("molecule-plugins-registry-").FullName;
        Github = PluginsFakeGithub.StartAsync().GetAwaiter().GetResult();
        Settings["ADMIN_TOKEN"] = AdminToken;
        Settings["MOLECULE_ENV"] = "development";
        Settings["PLUGINS_DIR"] = PluginsDir;
        Settings["PLUGINS_GITHUB_BASE_URL"] = Github.Url;
        if (Environment.GetEnvironmentVariable(DockerEngineFixture.HostVariable) is { Length: > 0 } dockerHost)
        {
            Settings["DOCKER_HOST"] = dockerHost;
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            Settings[key] = value;
        }
    }

    public string PluginsDir { get; }

    public PluginsFakeGithub Github { get; }

    public SecretsRestartRecorder Restarts { get; } = new();

    /// <summary>An app with extra or overridden settings; dispose it with <c>await using</c>.</summary>
    public static async Task<PluginsApp> BootAsync(IDictionary<string, string?> settings)
    {
        var app = new PluginsApp(settings);
        try
        {
            await app.InitializeAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        return app;
    }

    /// <summary>A client authenticated with ADMIN_TOKEN.</summary>
    public HttpClient Admin() => Client(AdminToken);

    /// <summary>Inserts a workspace row; <paramref name="instanceId"/> makes it an EC2 workspace.</summary>
    public Task<Guid> CreateWorkspaceAsync(
        string runtime = "claude-code", Guid? parentId = null, string? instanceId = null, string name = "plugins-ws") =>
        Db.InsertWorkspaceAsync(new WorkspaceSeed { Name = name, Runtime = runtime, ParentId = parentId, InstanceId = instanceId });

    /// <summary>Writes a plugin into the registry directory: <paramref name="files"/> maps relative paths to content.</summary>
    public string AddRegistryPlugin(string name, IReadOnlyDictionary<string, string> files)
    {
        var root = Path.Combine(PluginsDir, name);
        foreach (var (relative, content) in files)
        {
            var path = Path.Combine(root, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, content);
        }

        Directory.CreateDirectory(root);
        return root;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Github.DisposeAsync();
        if (Directory.Exists(PluginsDir))
        {
            Directory.Delete(PluginsDir, recursive: true);
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<IWorkspaceLifecycle>(Restarts));
    }
}
