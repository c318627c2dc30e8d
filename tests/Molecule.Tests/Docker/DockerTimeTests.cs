using Molecule.Docker.Mapping;

namespace Molecule.Tests.Docker;

public sealed class DockerTimeTests
{
    [Fact]
    public void Engine_times_keep_ticks_and_treat_year_one_as_never()
    {
        DockerTime.Parse("2026-11-22T00:45:28.080438966Z").ShouldBe(new DateTimeOffset(2026, 11, 22, 0, 45, 28, TimeSpan.Zero).AddTicks(804389));
        DockerTime.Parse("2026-11-22T00:45:28Z").ShouldBe(new DateTimeOffset(2026, 11, 22, 0, 45, 28, TimeSpan.Zero));
        DockerTime.Parse("2026-11-22T01:45:28.5+01:00").ShouldBe(new DateTimeOffset(2026, 11, 22, 0, 45, 28, 500, TimeSpan.Zero));
        DockerTime.Parse("0001-01-01T00:00:00Z").ShouldBeNull();
        DockerTime.Parse("").ShouldBeNull();
        DockerTime.Parse("yesterday").ShouldBeNull();
    }

    [Fact]
    public void Times_the_library_parsed_are_utc_and_year_one_is_never()
    {
        var utc = new DateTime(2026, 11, 22, 0, 51, 41, DateTimeKind.Utc).AddTicks(5177875);

        DockerTime.FromLibrary(utc).ShouldBe(new DateTimeOffset(utc));
        DockerTime.FromLibrary(utc.ToLocalTime()).ShouldBe(new DateTimeOffset(utc));
        DockerTime.FromLibrary(DateTime.SpecifyKind(utc, DateTimeKind.Unspecified))!.Value.Offset.ShouldBe(TimeSpan.Zero);
        DockerTime.FromLibrary(DateTime.MinValue).ShouldBeNull();
        DockerTime.FromLibrary(null).ShouldBeNull();
    }

    [Fact]
    public void Event_times_prefer_nanoseconds()
    {
        DockerTime.FromUnixNanoseconds(1795308711568326336, 1795308711)
            .ShouldBe(DateTimeOffset.FromUnixTimeSeconds(1795308711).AddTicks(5683263));
        DockerTime.FromUnixNanoseconds(0, 1795308711).ShouldBe(DateTimeOffset.FromUnixTimeSeconds(1795308711));
    }
}
