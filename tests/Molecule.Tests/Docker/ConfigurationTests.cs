using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Molecule.Docker;
using Molecule.Docker.Client;
using Molecule.Docker.Mapping;

namespace Molecule.Tests.Docker;

public sealed class ConfigurationTests
{
    [Theory]
    [InlineData("unix:///var/run/docker.sock", "/var/run/docker.sock")]
    [InlineData("unix:///tmp/molecule-test.abc/dk/docker.sock", "/tmp/molecule-test.abc/dk/docker.sock")]
    public void Unix_docker_hosts_parse_to_their_socket_path(string host, string path) =>
        DockerEndpoint.Parse(host).SocketPath.ShouldBe(path);

    [Theory]
    [InlineData("tcp://127.0.0.1:2375", "must be a unix socket")]
    [InlineData("unix://relative/docker.sock", "absolute socket path")]
    [InlineData("/var/run/docker.sock", "must be a unix socket")]
    public void Other_docker_hosts_are_refused_with_the_value(string host, string why)
    {
        DockerEndpoint.TryParse(host, out _, out var error).ShouldBeFalse();
        error.ShouldContain(why);
        error.ShouldContain(host);
    }

    [Fact]
    public void A_socket_path_longer_than_a_unix_address_holds_is_refused()
    {
        var host = "unix:///" + new string('d', DockerEndpoint.MaxSocketPathBytes);

        DockerEndpoint.TryParse(host, out _, out var error).ShouldBeFalse();
        error.ShouldContain("longer than 91 bytes");
        DockerEndpoint.TryParse("unix:///" + new string('d', DockerEndpoint.MaxSocketPathBytes - 1), out _, out _).ShouldBeTrue();
    }

    [Theory]
    [InlineData("nginx", "nginx", "latest")]
    [InlineData("nginx:1.27", "nginx", "1.27")]
    [InlineData("ghcr.io/molecule-ai/workspace-template-langgraph:latest", "ghcr.io/molecule-ai/workspace-template-langgraph", "latest")]
    [InlineData("localhost:5000/team/app", "localhost:5000/team/app", "latest")]
    [InlineData("localhost:5000/team/app:v2", "localhost:5000/team/app", "v2")]
    [InlineData("busybox@sha256:abc123", "busybox", "sha256:abc123")]
    public void Image_references_split_into_repository_and_tag(string reference, string repository, string tag) =>
        ImageReference.Split(reference).ShouldBe((repository, tag));

    [Fact]
    public void Options_bind_from_the_docker_variable_names_and_default_sensibly()
    {
        using var services = Services(new() { ["DOCKER_HOST"] = "unix:///tmp/d.sock", ["DOCKER_API_VERSION"] = "1.44", ["DOCKER_REQUEST_TIMEOUT_SECONDS"] = "5" });
        var options = services.GetRequiredService<IOptions<DockerOptions>>().Value;
        using var defaults = Services([]);
        var fallback = defaults.GetRequiredService<IOptions<DockerOptions>>().Value;

        options.EffectiveHost.ShouldBe("unix:///tmp/d.sock");
        options.ApiVersion.ShouldBe("1.44");
        options.RequestTimeout.ShouldBe(TimeSpan.FromSeconds(5));
        fallback.EffectiveHost.ShouldBe("unix:///var/run/docker.sock");
        fallback.RequestTimeout.ShouldBe(TimeSpan.FromSeconds(60));
        services.GetRequiredService<IDockerEngine>().Endpoint.ShouldBe("unix:///tmp/d.sock");
    }

    [Fact]
    public void Bad_settings_fail_validation_naming_the_variable()
    {
        using var services = Services(new() { ["DOCKER_HOST"] = "tcp://10.0.0.1:2375", ["DOCKER_API_VERSION"] = "latest", ["DOCKER_REQUEST_TIMEOUT_SECONDS"] = "0" });

        var error = Should.Throw<OptionsValidationException>(() => services.GetRequiredService<IOptions<DockerOptions>>().Value);

        error.Failures.Count().ShouldBe(3);
        error.Message.ShouldContain("DOCKER_HOST");
        error.Message.ShouldContain("DOCKER_API_VERSION");
        error.Message.ShouldContain("DOCKER_REQUEST_TIMEOUT_SECONDS");
    }

    [Fact]
    public void Registering_twice_keeps_one_engine_and_one_validator()
    {
        var configuration = new ConfigurationBuilder().Build();
        var services = new ServiceCollection().AddLogging().AddDockerEngine(configuration).AddDockerEngine(configuration);

        services.Count(d => d.ServiceType == typeof(IDockerEngine)).ShouldBe(1);
        services.Count(d => d.ServiceType == typeof(IValidateOptions<DockerOptions>)).ShouldBe(1);
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings) =>
        new ServiceCollection()
            .AddLogging()
            .AddDockerEngine(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .BuildServiceProvider();
}
