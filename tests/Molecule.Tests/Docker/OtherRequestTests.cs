using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Molecule.Docker;

namespace Molecule.Tests.Docker;

/// <summary>Volumes, images, archive and events: paths, query strings and bodies.</summary>
public sealed class OtherRequestTests
{
    private readonly FakeEngineHandler _handler = new();

    [Fact]
    public async Task Volume_calls_send_name_labels_force_and_label_filters()
    {
        _handler.Respond = (request, _) => Task.FromResult(request.Method == HttpMethod.Delete
            ? new HttpResponseMessage(HttpStatusCode.NoContent)
            : FakeEngineHandler.Response(
                request.Path.EndsWith("/volumes", StringComparison.Ordinal) ? HttpStatusCode.OK : HttpStatusCode.Created,
                request.Path.EndsWith("/volumes", StringComparison.Ordinal) ? RecordedResponses.VolumeList : RecordedResponses.Volume));
        var engine = FakeEngine.Create(_handler);

        var created = await engine.CreateVolumeAsync("ws-1-configs", new Dictionary<string, string> { ["molecule.platform.managed"] = "true" });
        await engine.InspectVolumeAsync("ws-1-configs");
        await engine.RemoveVolumeAsync("ws-1-configs", force: true);
        var listed = await engine.ListVolumesAsync(["molecule.platform.managed=true"]);

        var calls = _handler.Calls;
        calls[0].Path.ShouldBe("/v1.41/volumes/create");
        JsonNode.DeepEquals(calls[0].Json, JsonNode.Parse("""{"Name":"ws-1-configs","Driver":"local","Labels":{"molecule.platform.managed":"true"}}""")).ShouldBeTrue();
        calls[1].Uri.PathAndQuery.ShouldBe("/v1.41/volumes/ws-1-configs");
        calls[2].Uri.PathAndQuery.ShouldBe("/v1.41/volumes/ws-1-configs?force=1");
        calls[3].Path.ShouldBe("/v1.41/volumes");
        calls[3].Query["filters"].ShouldBe("""{"label":["molecule.platform.managed=true"]}""");
        created.Name.ShouldBe("recvol");
        created.Mountpoint.ShouldBe("/tmp/dk.YKbY/data/volumes/recvol/_data");
        created.CreatedAt.ShouldBe(new DateTimeOffset(2026, 11, 22, 0, 51, 41, TimeSpan.Zero));
        created.Labels.ShouldBeEmpty();
        listed.ShouldHaveSingleItem().Labels["molecule.platform.managed"].ShouldBe("true");
    }

    [Fact]
    public async Task A_volume_list_with_null_volumes_is_empty()
    {
        _handler.Answer(HttpStatusCode.OK, RecordedResponses.EmptyVolumeList);

        (await FakeEngine.Create(_handler).ListVolumesAsync([])).ShouldBeEmpty();
        _handler.LastCall.Query.ShouldBeEmpty();
    }

    [Fact]
    public async Task Pull_splits_the_tag_sends_auth_and_reports_progress()
    {
        _handler.Answer(HttpStatusCode.OK, RecordedResponses.PullProgress);
        var progress = new List<DockerPullProgress>();

        await FakeEngine.Create(_handler).PullImageAsync(
            "ghcr.io/molecule-ai/workspace-template-langgraph:v2", new DockerRegistryAuth("bot", "pa+ss/word?", "ghcr.io"), progress.Add);

        var pull = _handler.LastCall;
        pull.Path.ShouldBe("/v1.41/images/create");
        pull.Query.ShouldBe(new Dictionary<string, string> { ["fromImage"] = "ghcr.io/molecule-ai/workspace-template-langgraph", ["tag"] = "v2" });
        var auth = pull.Header("X-Registry-Auth").ShouldNotBeNull();
        auth.ShouldNotContain('+');
        auth.ShouldNotContain('/');
        var decoded = JsonNode.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(auth.Replace('-', '+').Replace('_', '/'))))!;
        decoded["Username"]!.GetValue<string>().ShouldBe("bot");
        decoded["Password"]!.GetValue<string>().ShouldBe("pa+ss/word?");
        decoded["ServerAddress"]!.GetValue<string>().ShouldBe("ghcr.io");
        progress.Count.ShouldBe(4);
        progress[1].ShouldBe(new DockerPullProgress("Downloading", "a1b2c3", "[=====>      ]", 1024, 4096));
    }

    [Fact]
    public async Task Pull_without_a_tag_asks_for_latest_and_sends_no_auth()
    {
        _handler.Answer(HttpStatusCode.OK, RecordedResponses.PullProgress);

        await FakeEngine.Create(_handler).PullImageAsync("localhost:5000/molecule/base");

        _handler.LastCall.Query.ShouldBe(new Dictionary<string, string> { ["fromImage"] = "localhost:5000/molecule/base", ["tag"] = "latest" });
        _handler.LastCall.Header("X-Registry-Auth").ShouldBeNull();
    }

    [Fact]
    public async Task An_error_line_in_the_pull_stream_throws_it()
    {
        _handler.Answer(HttpStatusCode.OK, RecordedResponses.PullFailure);

        var error = await Should.ThrowAsync<DockerApiException>(() => FakeEngine.Create(_handler).PullImageAsync("molecule/base"));

        error.EngineMessage.ShouldBe("manifest for molecule/base:latest not found");
    }

    [Fact]
    public async Task Import_streams_the_tar_with_repo_tag_and_changes_and_returns_the_id()
    {
        _handler.Answer(HttpStatusCode.OK, RecordedResponses.ImportProgress);
        var tar = new MemoryStream("fake tar bytes"u8.ToArray());

        var id = await FakeEngine.Create(_handler).ImportImageAsync(tar, "molecule-test/agent:latest", ["CMD [\"/bin/agent\"]", "WORKDIR /"]);

        id.ShouldBe("sha256:2d4d7659b0ebe0522cda837e19ead4224e2e7d262a352ffcce3fe8fe7c4e154f");
        var import = _handler.LastCall;
        import.ContentType.ShouldBe("application/x-tar");
        import.BodyText.ShouldBe("fake tar bytes");
        import.Query.ShouldBe(new Dictionary<string, string>
        {
            ["fromSrc"] = "-", ["repo"] = "molecule-test/agent", ["tag"] = "latest", ["changes"] = "CMD [\"/bin/agent\"]|WORKDIR /",
        });
    }

    [Fact]
    public async Task Import_without_an_id_in_the_answer_is_an_error()
    {
        _handler.Answer(HttpStatusCode.OK, """{"status":"Importing"}""");

        await Should.ThrowAsync<DockerApiException>(
            () => FakeEngine.Create(_handler).ImportImageAsync(new MemoryStream([1]), "x/y"));
    }

    [Fact]
    public async Task Archive_put_sends_the_tar_to_the_path()
    {
        _handler.Answer(HttpStatusCode.OK);

        await FakeEngine.Create(_handler).PutArchiveAsync("ws-1", "/configs", new MemoryStream("tar"u8.ToArray()));

        var put = _handler.LastCall;
        put.Method.ShouldBe(HttpMethod.Put);
        put.Path.ShouldBe("/v1.41/containers/ws-1/archive");
        put.Query.ShouldBe(new Dictionary<string, string> { ["path"] = "/configs", ["noOverwriteDirNonDir"] = "1" });
        put.ContentType.ShouldBe("application/x-tar");
        put.BodyText.ShouldBe("tar");
    }

    [Fact]
    public async Task Archive_get_and_stat_decode_the_path_stat_header()
    {
        _handler.Respond = (_, _) =>
        {
            var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent("tar bytes"u8.ToArray()) };
            response.Headers.Add("X-Docker-Container-Path-Stat", RecordedResponses.PasswdStatHeader);
            return Task.FromResult(response);
        };
        var engine = FakeEngine.Create(_handler);

        await using var archive = await engine.GetArchiveAsync("ws-1", "/etc/passwd");
        var stat = await engine.StatPathAsync("ws-1", "/etc/passwd");

        archive.Stat.Name.ShouldBe("passwd");
        new StreamReader(archive.Tar).ReadToEnd().ShouldBe("tar bytes");
        stat.Size.ShouldBe(74);
        _handler.Calls.Select(c => c.Method).ShouldBe([HttpMethod.Get, HttpMethod.Head]);
        _handler.Calls.ShouldAllBe(c => c.Uri.PathAndQuery == "/v1.41/containers/ws-1/archive?path=%2Fetc%2Fpasswd");
    }

    [Fact]
    public async Task An_archive_answer_without_the_stat_header_is_an_error()
    {
        _handler.Answer(HttpStatusCode.OK, "{}");

        await Should.ThrowAsync<DockerApiException>(() => FakeEngine.Create(_handler).StatPathAsync("ws-1", "/x"));
    }

    [Fact]
    public async Task Events_send_filters_and_since_and_map_each_line()
    {
        _handler.Answer(HttpStatusCode.OK, string.Join("\n", RecordedResponses.DieEvent, RecordedResponses.ExecStartEvent) + "\n");
        var filter = new DockerEventFilter
        {
            Types = ["container"],
            Labels = ["molecule.platform.managed=true"],
            Actions = ["die", "oom"],
            Containers = ["ws-1"],
            Since = DateTimeOffset.FromUnixTimeSeconds(1795308700),
        };

        var events = new List<DockerEvent>();
        await foreach (var e in FakeEngine.Create(_handler).StreamEventsAsync(filter))
        {
            events.Add(e);
        }

        var call = _handler.LastCall;
        call.Path.ShouldBe("/v1.41/events");
        call.Query["since"].ShouldBe("1795308700");
        JsonNode.DeepEquals(JsonNode.Parse(call.Query["filters"]), JsonNode.Parse(
            """{"type":["container"],"label":["molecule.platform.managed=true"],"event":["die","oom"],"container":["ws-1"]}""")).ShouldBeTrue();
        events[0].Type.ShouldBe("container");
        events[0].Action.ShouldBe("die");
        events[0].ActorId.ShouldBe("64a6fe377787a443fbdf4d76a829f459f13f229c68db2725468785b38cae077f");
        events[0].Attributes["exitCode"].ShouldBe("137");
        events[0].Scope.ShouldBe("local");
        events[1].ActionName.ShouldBe("exec_start");
        events[1].Time.ShouldBe(DateTimeOffset.FromUnixTimeSeconds(1795308712));
    }

    [Fact]
    public async Task Events_without_filters_send_no_filter_parameter()
    {
        _handler.Answer(HttpStatusCode.OK, "");

        await foreach (var _ in FakeEngine.Create(_handler).StreamEventsAsync(new DockerEventFilter()))
        {
        }

        _handler.LastCall.Query.ShouldBeEmpty();
    }

    [Fact]
    public async Task Cancelling_an_event_stream_ends_it()
    {
        var endless = new BlockingStream();
        _handler.Respond = (_, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(endless) });
        using var cancel = new CancellationTokenSource();

        var reading = Task.Run(async () =>
        {
            await foreach (var _ in FakeEngine.Create(_handler).StreamEventsAsync(new DockerEventFilter(), cancel.Token))
            {
            }
        });
        await endless.ReadStarted.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await cancel.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(() => reading.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    /// <summary>A response body that never produces a byte until the read is cancelled.</summary>
    private sealed class BlockingStream : MemoryStream
    {
        public TaskCompletionSource ReadStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            ReadStarted.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return 0;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }
}
