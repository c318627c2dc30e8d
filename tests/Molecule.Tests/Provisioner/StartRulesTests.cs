using System.Net;
using Molecule.Docker;
using Molecule.Provisioner.Docker;

namespace Molecule.Tests.Provisioner;

public sealed class StartRulesTests
{
    [Fact]
    public void A_cpu_cap_above_the_host_is_read_from_the_engine_refusal()
    {
        StartErrors.MaxNanoCpus(new DockerApiException(HttpStatusCode.BadRequest, "Range of CPUs is from 0.01 to 2.00, as there are only 2 CPUs available"))
            .ShouldBe(2_000_000_000);
        StartErrors.MaxNanoCpus(new DockerApiException(HttpStatusCode.BadRequest, "something else")).ShouldBeNull();
    }

    [Fact]
    public void Missing_images_and_networks_say_what_to_do()
    {
        var image = new DockerNotFoundException("No such image: ghcr.io/x/y:latest");
        StartErrors.IsMissingImage(image).ShouldBeTrue();
        StartErrors.ImageMissing("ghcr.io/x/y:latest", "crewai", image.EngineMessage).ShouldBe(
            "docker image \"ghcr.io/x/y:latest\" not found after pull attempt — pull or build it on the Docker host (docker pull ghcr.io/x/y:latest), " +
            "or map runtime crewai to an image the host has with MOLECULE_RUNTIME_IMAGES=crewai=<image> (underlying error: No such image: ghcr.io/x/y:latest)");

        var network = new DockerNotFoundException("network molecule-monorepo-net not found");
        StartErrors.IsMissingImage(network).ShouldBeFalse();
        StartErrors.IsMissingNetwork(network, "molecule-monorepo-net").ShouldBeTrue();
        StartErrors.NetworkMissing("molecule-monorepo-net", network.EngineMessage).ShouldContain("docker network create molecule-monorepo-net");
    }

    [Fact]
    public void A_refused_privileged_start_names_the_tier()
    {
        const string refused = "unable to apply caps: operation not permitted";
        StartErrors.Start(refused, TierLimits.For(3, new())).ShouldEndWith("use tier 2");
        StartErrors.Start(refused, TierLimits.For(2, new())).ShouldBe($"failed to start container: {refused}");
    }

    [Fact]
    public void An_absent_engine_is_named_with_what_to_do()
    {
        StartErrors.EngineSilent("unix:///run/docker.sock", TimeSpan.FromSeconds(10)).ShouldBe(
            "Docker engine at unix:///run/docker.sock did not answer within 10 s — workspace containers need a running Docker daemon: start it or point DOCKER_HOST at its socket");
    }

    [Theory]
    [InlineData(null, true, 8080, "http://127.0.0.1:8080")]
    [InlineData("", false, 9000, "http://host.docker.internal:9000")]
    [InlineData("https://molecule.example.com/", true, 8080, "https://molecule.example.com")]
    public void The_platform_url_is_the_configured_one_else_this_port_where_containers_can_reach_it(
        string? configured, bool hostNetwork, int port, string expected) =>
        PlatformUrlResolver.Resolve(configured, hostNetwork, port).ShouldBe(expected);

    [Fact]
    public void Extra_labels_parse_and_refuse_our_own_keys()
    {
        DockerLabels.Parse(" team = blue ,env=prod").Labels.ShouldBe(new Dictionary<string, string> { ["team"] = "blue", ["env"] = "prod" });
        DockerLabels.Parse(null).Labels.ShouldBeEmpty();
        DockerLabels.Parse("=x").Error.ShouldNotBeNull();
        DockerLabels.Parse("molecule.workspace.id=1").Error.ShouldNotBeNull();
        DockerLabels.Filter(new Dictionary<string, string> { ["team"] = "blue" }).ShouldBe(["molecule.platform.managed=true", "team=blue"]);
    }
}
