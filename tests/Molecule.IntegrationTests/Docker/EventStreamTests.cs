using Molecule.Docker;
using Molecule.Testing;

namespace Molecule.IntegrationTests.Docker;

[Collection(DockerEngineFixture.Collection)]
public sealed class EventStreamTests(DockerEngineFixture docker)
{
    [Fact]
    public async Task A_killed_container_shows_up_as_a_die_event_with_its_labels_and_exit_code()
    {
        // Replaying from just before the kill makes the test independent of when the stream connects.
        var since = DateTimeOffset.UtcNow.AddSeconds(-2);
        var id = await docker.RunAsync(docker.UniqueName("die"), ["sleep", "300"]);
        await docker.Engine.KillContainerAsync(id, "SIGKILL", Deadline.In());

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Deadline.In());
        DockerEvent? died = null;
        var filter = new DockerEventFilter
        {
            Types = ["container"],
            Labels = [$"{DockerEngineFixture.RunLabel}={docker.RunId}"],
            Containers = [id],
            Since = since,
        };
        var streamed = Should.ThrowAsync<OperationCanceledException>(async () =>
        {
            await foreach (var e in docker.Engine.StreamEventsAsync(filter, stop.Token))
            {
                if (e.Action == "die")
                {
                    died = e;
                    await stop.CancelAsync(); // the stream is endless: the caller ends it
                }
            }
        });

        await streamed;
        died.ShouldNotBeNull();
        died.Type.ShouldBe("container");
        died.ActorId.ShouldBe(id);
        died.Attributes["exitCode"].ShouldBe("137");
        died.Attributes[DockerEngineFixture.RunLabel].ShouldBe(docker.RunId);
        died.Time.ShouldBeGreaterThan(since);
    }
}
