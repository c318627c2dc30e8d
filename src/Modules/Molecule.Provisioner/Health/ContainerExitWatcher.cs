using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Molecule.Docker;
using Molecule.Provisioner.Docker;

namespace Molecule.Provisioner.Health;

/// <summary>
/// Follows the engine's container events for the containers this server manages and hands every
/// exit to <see cref="ContainerExitHandler"/>. When the engine goes away (restart, upgrade) the
/// stream is reopened with a backoff of 1 s doubling to 30 s, replaying from the last event seen
/// so an exit during the gap is not lost.
/// </summary>
internal sealed partial class ContainerExitWatcher(
    IDockerEngine engine,
    ContainerExitHandler handler,
    IOptions<DockerProvisionerOptions> options,
    TimeProvider clock,
    ILogger<ContainerExitWatcher> logger) : BackgroundService
{
    public static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan LastRetry = TimeSpan.FromSeconds(30);

    /// <summary>A replay never reaches further back than this, so a long outage does not replay old history.</summary>
    private static readonly TimeSpan MaxReplay = TimeSpan.FromMinutes(5);

    /// <summary>Replays start at a whole second, so the last events before a reconnect come again: skip those.</summary>
    private const int RememberedEvents = 512;

    private readonly HashSet<(string Container, DateTimeOffset Time)> _seen = [];
    private readonly Queue<(string Container, DateTimeOffset Time)> _seenOrder = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var retry = FirstRetry;
        var failures = 0;
        DateTimeOffset? since = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ReachEngineAsync(stoppingToken);
                if (failures > 0)
                {
                    LogReconnected(engine.Endpoint);
                }

                retry = FirstRetry;
                failures = 0;
                since ??= clock.GetUtcNow();
                await foreach (var engineEvent in engine.StreamEventsAsync(Filter(since, clock.GetUtcNow()), stoppingToken))
                {
                    since = engineEvent.Time;
                    if (FirstSighting(engineEvent))
                    {
                        await HandleSafelyAsync(engineEvent, stoppingToken);
                    }
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (exception is DockerException or IOException or OperationCanceledException)
            {
                if (failures++ == 0)
                {
                    LogStreamLost(engine.Endpoint, exception.Message);
                }
            }

            await Task.Delay(retry, clock, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            retry = Next(retry);
        }
    }

    /// <summary>1 s, 2 s, 4 s … capped at 30 s.</summary>
    public static TimeSpan Next(TimeSpan retry) => retry * 2 > LastRetry ? LastRetry : retry * 2;

    private bool FirstSighting(DockerEvent engineEvent)
    {
        var key = (engineEvent.ActorId, engineEvent.Time);
        if (!_seen.Add(key))
        {
            return false;
        }

        _seenOrder.Enqueue(key);
        if (_seenOrder.Count > RememberedEvents)
        {
            _seen.Remove(_seenOrder.Dequeue());
        }

        return true;
    }

    private async Task ReachEngineAsync(CancellationToken cancellationToken)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(options.Value.EngineTimeout);
        await engine.PingAsync(bounded.Token);
    }

    private DockerEventFilter Filter(DateTimeOffset? since, DateTimeOffset now) => new()
    {
        Types = ["container"],
        Actions = ["die"],
        Labels = DockerLabels.Filter(options.Value.ParsedExtraLabels),
        Since = since is { } from && now - from < MaxReplay ? from : now - MaxReplay,
    };

    private async Task HandleSafelyAsync(DockerEvent engineEvent, CancellationToken cancellationToken)
    {
        try
        {
            await handler.HandleAsync(engineEvent, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogHandlingFailed(exception, engineEvent.ActorId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "container events from {Endpoint} unavailable ({Error}); retrying with backoff")]
    private partial void LogStreamLost(string endpoint, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "following container events from {Endpoint} again")]
    private partial void LogReconnected(string endpoint);

    [LoggerMessage(Level = LogLevel.Error, Message = "handling the exit of container {Container} failed")]
    private partial void LogHandlingFailed(Exception exception, string container);
}
