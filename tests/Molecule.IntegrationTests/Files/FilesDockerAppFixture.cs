using Molecule.Testing;

namespace Molecule.IntegrationTests.Files;

/// <summary>
/// One app on the private dockerd (scripts/test.sh exports its DOCKER_HOST and the test image),
/// with the test image as the config-volume helper.
/// </summary>
public sealed class FilesDockerAppFixture : IAsyncLifetime
{
    public FilesApp App { get; private set; } = null!;

    public string Host { get; private set; } = "";

    public string Image { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var reason = Environment.GetEnvironmentVariable(DockerEngineFixture.ErrorVariable) ?? "run the tests through scripts/test.sh";
        Host = Environment.GetEnvironmentVariable(DockerEngineFixture.HostVariable) is { Length: > 0 } host
            ? host
            : throw new InvalidOperationException($"{DockerEngineFixture.HostVariable} is not set: {reason}");
        Image = Environment.GetEnvironmentVariable(DockerEngineFixture.ImageVariable) is { Length: > 0 } image
            ? image
            : throw new InvalidOperationException($"{DockerEngineFixture.ImageVariable} is not set: {reason}");
        App = await FilesApp.StartAsync(Host, helperImage: Image);
    }

    public async Task DisposeAsync()
    {
        if (App is not null)
        {
            await App.DisposeAsync();
        }
    }
}
