using System.Text;
using Molecule.Docker;
using Molecule.Docker.Streams;
using Molecule.Docker.Wire;

namespace Molecule.Tests.Docker;

public sealed class StreamPiecesTests
{
    [Fact]
    public async Task Json_lines_yield_one_record_per_line_and_skip_blank_ones()
    {
        var lines = string.Join("\r\n", RecordedResponses.KillEvent, "", RecordedResponses.DieEvent) + "\n";

        var events = new List<EventWire>();
        await foreach (var e in JsonLines.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(lines)), DockerJsonContext.Default.EventWire, CancellationToken.None))
        {
            events.Add(e);
        }

        events.Select(e => e.Action).ShouldBe(["kill", "die"]);
        events[1].Actor!.Attributes!["exitCode"].ShouldBe("137");
        events[1].TimeNano.ShouldBe(1795308711568326336);
    }

    [Fact]
    public async Task A_line_that_is_not_json_is_an_engine_error()
    {
        var stream = new MemoryStream("{\"status\":\"ok\"}\nnot json\n"u8.ToArray());

        await Should.ThrowAsync<DockerApiException>(async () =>
        {
            await foreach (var _ in JsonLines.ReadAsync(stream, DockerJsonContext.Default.ProgressLineWire, CancellationToken.None))
            {
            }
        });
    }

    [Fact]
    public void The_path_stat_header_decodes_files_directories_and_symlinks()
    {
        var file = PathStatHeader.Decode(RecordedResponses.PasswdStatHeader).ShouldNotBeNull();
        var link = PathStatHeader.Decode(RecordedResponses.ShStatHeader).ShouldNotBeNull();
        var directory = PathStatHeader.Decode(RecordedResponses.EtcStatHeader).ShouldNotBeNull();

        file.ShouldBe(new DockerPathStat("passwd", 74, 420, new DateTimeOffset(2026, 11, 22, 0, 51, 19, TimeSpan.Zero), null));
        file.IsRegularFile.ShouldBeTrue();
        file.Permissions.ShouldBe(0b110_100_100);
        link.IsSymlink.ShouldBeTrue();
        link.IsRegularFile.ShouldBeFalse();
        link.LinkTarget.ShouldBe("/bin/busybox");
        directory.IsDirectory.ShouldBeTrue();
        directory.Permissions.ShouldBe(0b111_101_101);
        directory.ModifiedAt!.Value.Ticks.ShouldBe(new DateTimeOffset(2026, 11, 22, 0, 51, 41, TimeSpan.Zero).Ticks + 5_207_061);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not base64!")]
    [InlineData("bm90IGpzb24=")] // "not json"
    [InlineData("e30=")] // "{}": no name
    public void A_missing_or_unreadable_path_stat_header_decodes_to_null(string? header) =>
        PathStatHeader.Decode(header).ShouldBeNull();

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
    public void Event_times_prefer_nanoseconds()
    {
        DockerTime.FromUnixNanoseconds(1795308711568326336, 1795308711)
            .ShouldBe(DateTimeOffset.FromUnixTimeSeconds(1795308711).AddTicks(5683263));
        DockerTime.FromUnixNanoseconds(0, 1795308711).ShouldBe(DateTimeOffset.FromUnixTimeSeconds(1795308711));
    }
}
