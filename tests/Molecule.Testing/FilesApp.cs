using Molecule.Docker;
using Molecule.Docker.Workspaces;
using Npgsql;

namespace Molecule.Testing;

/// <summary>
/// The host for files tests: ADMIN_TOKEN set (auth enforced as in production), its own CONFIGS_DIR
/// (a temporary directory, deleted on dispose) and a DOCKER_HOST — the private dockerd, or
/// <see cref="NoDockerHost"/>, a socket that does not exist.
/// </summary>
public sealed class FilesApp : MoleculeApp
{
    public const string AdminToken = "files-test-admin-token";
    public const string NoDockerHost = "unix:///nonexistent/molecule-files-tests/docker.sock";

    private FilesApp(string configsDir) => ConfigsDir = configsDir;

    /// <summary>The template root this app reads (CONFIGS_DIR).</summary>
    public string ConfigsDir { get; }

    public static async Task<FilesApp> StartAsync(string dockerHost, string? helperImage = null, IDictionary<string, string?>? settings = null)
    {
        var app = new FilesApp(Directory.CreateTempSubdirectory("molecule-files-").FullName);
        app.Settings["ADMIN_TOKEN"] = AdminToken;
        app.Settings["DOCKER_HOST"] = dockerHost;
        app.Settings["CONFIGS_DIR"] = app.ConfigsDir;
        if (helperImage is not null)
        {
            app.Settings["FILES_HELPER_IMAGE"] = helperImage;
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            app.Settings[key] = value;
        }

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

    /// <summary>Inserts a workspace row; an <paramref name="instanceId"/> makes it an EC2 workspace.</summary>
    public Task<Guid> InsertFilesWorkspaceAsync(
        string name = "files-test", string runtime = "langgraph", string? instanceId = null, string? role = null, int tier = 2) =>
        Db.InsertWorkspaceAsync(new WorkspaceSeed { Name = name, Runtime = runtime, InstanceId = instanceId, Role = role, Tier = tier });

    /// <summary>Writes a template directory under CONFIGS_DIR (relative path → content) and returns its path.</summary>
    public string AddTemplate(string directoryName, IReadOnlyDictionary<string, string> files)
    {
        var directory = Path.Combine(ConfigsDir, directoryName);
        foreach (var (relativePath, content) in files)
        {
            var path = Path.Combine(directory, relativePath);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, content);
        }

        Directory.CreateDirectory(directory);
        return directory;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(ConfigsDir, recursive: true);
    }
}

/// <summary>A workspace's container on the private dockerd, named as the provisioner names it; removed on dispose.</summary>
public sealed class FilesWorkspaceContainer : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly DockerEngineFixture _docker;

    private FilesWorkspaceContainer(DockerEngineFixture docker, string id)
    {
        _docker = docker;
        Id = id;
    }

    public string Id { get; }

    /// <summary>
    /// Starts <c>ws-&lt;id12&gt;</c> from the test image, running <c>sleep 600</c>, labelled for the
    /// fixture's cleanup; <paramref name="binds"/> mount volumes (e.g. the config volume).
    /// The image already has <c>/configs</c> and <c>/workspace</c>.
    /// </summary>
    public static async Task<FilesWorkspaceContainer> StartAsync(DockerEngineFixture docker, Guid workspaceId, IReadOnlyList<string>? binds = null)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        var id = await docker.Engine.CreateContainerAsync(new DockerContainerSpec
        {
            Image = docker.AgentImage,
            Name = WorkspaceContainers.ContainerName(workspaceId),
            Cmd = ["sleep", "600"],
            Labels = docker.Labels,
            NetworkMode = "host",
            Binds = binds,
        }, timeout.Token);
        await docker.Engine.StartContainerAsync(id, timeout.Token);
        return new FilesWorkspaceContainer(docker, id);
    }

    /// <summary>Runs a command in the container and returns its stdout (bounded).</summary>
    public async Task<DockerExecResult> ExecAsync(params string[] cmd)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        return await _docker.Engine.RunExecAsync(Id, new DockerExecSpec { Cmd = cmd }, cancellationToken: timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(Timeout);
        await _docker.Engine.RemoveContainerAsync(Id, force: true, cancellationToken: timeout.Token);
    }
}
