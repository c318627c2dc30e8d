using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Molecule.Docker;
using Molecule.Testing;

namespace Molecule.IntegrationTests.Docker;

[Collection(DockerEngineFixture.Collection)]
public sealed class EngineConnectionTests(DockerEngineFixture docker)
{
    [Fact]
    public async Task Ping_and_version_describe_the_private_daemon()
    {
        var ping = await docker.Engine.PingAsync(Deadline.In());
        var version = await docker.Engine.GetVersionAsync(Deadline.In());

        ping.ApiVersion.ShouldNotBeNullOrEmpty();
        ping.OsType.ShouldBe("linux");
        version.ApiVersion.ShouldBe(ping.ApiVersion);
        version.Version.ShouldNotBeNullOrEmpty();
        docker.Engine.Endpoint.ShouldBe(docker.Host);
    }

    [Fact]
    public async Task A_missing_socket_fails_fast_and_names_the_path()
    {
        var path = $"/tmp/molecule-no-docker-{Guid.NewGuid():N}.sock";
        await using var services = DockerEngineFixture.CreateServices($"unix://{path}");
        var engine = services.GetRequiredService<IDockerEngine>();

        var error = await Should.ThrowAsync<DockerUnavailableException>(() => engine.PingAsync(Deadline.In(10)));
        var versioned = await Should.ThrowAsync<DockerUnavailableException>(() => engine.InspectContainerAsync("x", Deadline.In(10)));

        error.Message.ShouldContain(path);
        error.Endpoint.ShouldBe($"unix://{path}");
        versioned.Message.ShouldContain(path);
    }

    [Fact]
    public async Task A_socket_nobody_listens_on_is_unavailable_too()
    {
        var path = $"/tmp/molecule-dead-docker-{Guid.NewGuid():N}.sock";
        using (var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
        {
            listener.Bind(new UnixDomainSocketEndPoint(path)); // leaves the socket file behind once closed
        }

        try
        {
            await using var services = DockerEngineFixture.CreateServices($"unix://{path}");
            var error = await Should.ThrowAsync<DockerUnavailableException>(
                () => services.GetRequiredService<IDockerEngine>().PingAsync(Deadline.In(10)));
            error.Message.ShouldContain(path);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
