using System.Globalization;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Docker.DotNet.Models;
using Molecule.Docker.Mapping;

namespace Molecule.Docker;

internal sealed partial class DockerEngine
{
    /// <summary>
    /// The library reports events through a callback until its token is cancelled; a channel turns that
    /// into a stream the caller pulls. The filter keeps the volume low, so the channel needs no bound.
    /// </summary>
    public async IAsyncEnumerable<DockerEvent> StreamEventsAsync(
        DockerEventFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var parameters = new ContainerEventsParameters
        {
            Filters = EngineNames.Filters(
                ("type", filter.Types), ("label", filter.Labels), ("event", filter.Actions), ("container", filter.Containers)),
            Since = filter.Since?.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
        };
        var events = Channel.CreateUnbounded<Message>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var monitor = MonitorEventsAsync(parameters, events.Writer, stop.Token);
        try
        {
            await foreach (var message in events.Reader.ReadAllAsync(cancellationToken))
            {
                yield return new DockerEvent(
                    message.Type,
                    message.Action,
                    message.Actor?.ID ?? "",
                    ContainerMapping.Labels(message.Actor?.Attributes),
                    message.Scope,
                    DockerTime.FromUnixNanoseconds(message.TimeNano ?? 0, message.Time ?? 0));
            }
        }
        finally
        {
            await stop.CancelAsync();
            await monitor;
        }
    }

    /// <summary>Feeds <paramref name="events"/> until the engine ends the stream or <paramref name="cancellationToken"/> stops it; a failure ends the channel with it.</summary>
    private async Task MonitorEventsAsync(ContainerEventsParameters parameters, ChannelWriter<Message> events, CancellationToken cancellationToken)
    {
        try
        {
            await _client.CallUntilDoneAsync(
                "GET /events",
                async (docker, token) =>
                {
                    await docker.System.MonitorEventsAsync(parameters, new ChannelProgress(events), token);
                    return true;
                },
                cancellationToken);
            events.TryComplete();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            events.TryComplete();
        }
        catch (Exception e)
        {
            events.TryComplete(e);
        }
    }

    private sealed class ChannelProgress(ChannelWriter<Message> events) : IProgress<Message>
    {
        public void Report(Message value) => events.TryWrite(value);
    }
}
