using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Molecule.Docker;
using Xunit;

namespace Molecule.Testing;

/// <summary>
/// The private dockerd that scripts/test.sh starts (<c>MOLECULE_TEST_DOCKER_HOST</c>) and the test
/// agent image it builds (<c>MOLECULE_TEST_DOCKER_IMAGE</c>). Share it through a collection
/// (<c>[Collection(DockerEngineFixture.Collection)]</c>): the tests then run one at a time, which
/// suits a 2-core machine. Everything created through <see cref="Labels"/> is removed at the end.
/// When Docker could not start, every test of the collection fails with the reason.
/// </summary>
public sealed class DockerEngineFixture : IAsyncLifetime
{
    public const string Collection = "docker";
    public const string HostVariable = "MOLECULE_TEST_DOCKER_HOST";
    public const string ImageVariable = "MOLECULE_TEST_DOCKER_IMAGE";
    public const string ErrorVariable = "MOLECULE_TEST_DOCKER_ERROR";

    /// <summary>Containers and volumes of this run carry this label, so cleanup never touches anyone else's.</summary>
    public const string RunLabel = "molecule.test.run";

    private static readonly TimeSpan PingTimeout = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan CleanupTimeout = TimeSpan.FromSeconds(60);

    private ServiceProvider? _services;

    public string RunId { get; } = Guid.NewGuid().ToString("N")[..12];

    /// <summary>The DOCKER_HOST of the private dockerd, e.g. <c>unix:///tmp/molecule-test.x/dk/docker.sock</c>.</summary>
    public string Host { get; private set; } = "";

    /// <summary>molecule-test/agent:latest, the busybox agent image (scripts/test-image).</summary>
    public string AgentImage { get; private set; } = "";

    public IDockerEngine Engine =>
        _services?.GetRequiredService<IDockerEngine>() ?? throw new InvalidOperationException("the fixture is not initialised");

    public IReadOnlyDictionary<string, string> Labels => new Dictionary<string, string> { [RunLabel] = RunId };

    /// <summary>A container or volume name unique to this run (short: names show up in socket paths and logs).</summary>
    public string UniqueName(string prefix) => $"mt-{prefix}-{Guid.NewGuid().ToString("N")[..10]}";

    public async Task InitializeAsync()
    {
        Host = Environment.GetEnvironmentVariable(HostVariable) ?? "";
        if (Host.Length == 0)
        {
            var reason = Environment.GetEnvironmentVariable(ErrorVariable) is { Length: > 0 } error
                ? error
                : "run the tests through scripts/test.sh, which starts a private dockerd";
            throw new InvalidOperationException($"{HostVariable} is not set: {reason}");
        }

        AgentImage = Environment.GetEnvironmentVariable(ImageVariable) is { Length: > 0 } image
            ? image
            : throw new InvalidOperationException(
                $"{ImageVariable} is not set: {Environment.GetEnvironmentVariable(ErrorVariable) ?? "the test image was not built"}");

        _services = CreateServices(Host);
        using var timeout = new CancellationTokenSource(PingTimeout);
        await Engine.PingAsync(timeout.Token);
    }

    /// <summary>An engine on another DOCKER_HOST (e.g. a socket that does not exist), disposed with the returned provider.</summary>
    public static ServiceProvider CreateServices(string dockerHost, int requestTimeoutSeconds = 30)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["DOCKER_HOST"] = dockerHost,
                ["DOCKER_REQUEST_TIMEOUT_SECONDS"] = requestTimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            })
            .Build();
        return new ServiceCollection().AddLogging().AddDockerEngine(configuration).BuildServiceProvider();
    }

    /// <summary>
    /// Stands in for a provisioned workspace: the agent image idling under the workspace's container
    /// name, on the host network, labelled for this run's cleanup.
    /// </summary>
    public Task<string> RunWorkspaceContainerAsync(Guid workspaceId) =>
        RunAsync(Molecule.Docker.Workspaces.WorkspaceContainers.ContainerName(workspaceId), ["sleep", "600"]);

    /// <summary>Creates and starts a container of the agent image running <paramref name="cmd"/> on the host network.</summary>
    public async Task<string> RunAsync(string name, IReadOnlyList<string> cmd, IReadOnlyList<string>? env = null, bool tty = false)
    {
        var id = await Engine.CreateContainerAsync(new DockerContainerSpec
        {
            Image = AgentImage,
            Name = name,
            Cmd = cmd,
            Env = env,
            Tty = tty,
            Labels = Labels,
            NetworkMode = "host",
        });
        await Engine.StartContainerAsync(id);
        return id;
    }

    public async Task DisposeAsync()
    {
        if (_services is null)
        {
            return;
        }

        using var timeout = new CancellationTokenSource(CleanupTimeout);
        var label = $"{RunLabel}={RunId}";
        try
        {
            foreach (var container in await Engine.ListContainersAsync([label], includeStopped: true, timeout.Token))
            {
                await Engine.RemoveContainerAsync(container.Id, force: true, removeVolumes: true, timeout.Token);
            }

            foreach (var volume in await Engine.ListVolumesAsync([label], timeout.Token))
            {
                await Engine.RemoveVolumeAsync(volume.Name, force: true, timeout.Token);
            }
        }
        finally
        {
            await _services.DisposeAsync();
        }
    }
}
