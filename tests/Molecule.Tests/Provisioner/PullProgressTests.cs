using Microsoft.Extensions.Time.Testing;
using Molecule.Docker;
using Molecule.Provisioner.Docker;

namespace Molecule.Tests.Provisioner;

public sealed class PullProgressTests
{
    [Fact]
    public void Layer_lines_fold_into_one_summary()
    {
        var clock = new FakeTimeProvider();
        var progress = new PullProgress("img:1", clock, TimeSpan.FromSeconds(1));

        progress.Observe(new DockerPullProgress("Pulling fs layer", "a", null, null)).ShouldNotBeNull();
        progress.Observe(new DockerPullProgress("Pulling fs layer", "b", null, null));
        progress.Observe(new DockerPullProgress("Downloading", "a", 50, 100));
        progress.Observe(new DockerPullProgress("Downloading", "b", 10, 300));
        progress.Observe(new DockerPullProgress("Pull complete", "a", null, null));

        progress.Snapshot().ToJsonString().ShouldBe(
            """{"stage":"pulling_image","image":"img:1","layers_done":1,"layers_total":2,"downloaded_bytes":110,"total_bytes":400}""");
    }

    [Fact]
    public void Summaries_are_sent_at_most_once_per_interval()
    {
        var clock = new FakeTimeProvider();
        var progress = new PullProgress("img:1", clock, TimeSpan.FromSeconds(1));

        progress.Observe(new DockerPullProgress("Downloading", "a", 1, 10)).ShouldNotBeNull();
        progress.Observe(new DockerPullProgress("Downloading", "a", 2, 10)).ShouldBeNull();
        clock.Advance(TimeSpan.FromMilliseconds(999));
        progress.Observe(new DockerPullProgress("Downloading", "a", 3, 10)).ShouldBeNull();
        clock.Advance(TimeSpan.FromMilliseconds(1));
        progress.Observe(new DockerPullProgress("Downloading", "a", 4, 10))!["downloaded_bytes"]!.GetValue<long>().ShouldBe(4);
    }

    [Fact]
    public void Lines_without_a_layer_are_not_progress()
    {
        var progress = new PullProgress("img:1", new FakeTimeProvider(), TimeSpan.Zero);

        progress.Observe(new DockerPullProgress("Pulling from library/img", null, null, null)).ShouldBeNull();
        progress.Observe(new DockerPullProgress("Digest: sha256:abc", "", null, null)).ShouldBeNull();
        progress.Observe(new DockerPullProgress("Already exists", "c", null, null))!["layers_done"]!.GetValue<int>().ShouldBe(1);
    }
}
