using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Molecule.Kernel.Events;

namespace Molecule.Testing;

/// <summary>
/// Sees every event the app publishes, broadcast-only ones included, while still passing them on to
/// the real publisher. Install with <see cref="Install"/> inside ConfigureTestServices.
/// </summary>
public sealed class EventRecorder
{
    private readonly ConcurrentQueue<(string Type, Guid? WorkspaceId, JsonObject Payload)> _events = new();

    public IReadOnlyList<(string Type, Guid? WorkspaceId, JsonObject Payload)> Events => [.. _events];

    public IReadOnlyList<JsonObject> Of(string type, Guid workspaceId) =>
        [.. _events.Where(e => e.Type == type && e.WorkspaceId == workspaceId).Select(e => e.Payload)];

    public void Install(IServiceCollection services)
    {
        var original = services.Last(d => d.ServiceType == typeof(IEventPublisher));
        services.Remove(original);
        services.AddSingleton<IEventPublisher>(provider => new Recording(this, (IEventPublisher)(original.ImplementationFactory?.Invoke(provider)
            ?? original.ImplementationInstance
            ?? ActivatorUtilities.CreateInstance(provider, original.ImplementationType!))));
    }

    private sealed class Recording(EventRecorder recorder, IEventPublisher inner) : IEventPublisher
    {
        // Recorded once the real publisher is done, so a test that saw an event can also find its row.
        public async Task RecordAndBroadcastAsync(string eventType, Guid? workspaceId, JsonObject payload, CancellationToken cancellationToken = default)
        {
            var copy = (JsonObject)payload.DeepClone();
            await inner.RecordAndBroadcastAsync(eventType, workspaceId, payload, cancellationToken);
            recorder._events.Enqueue((eventType, workspaceId, copy));
        }

        public async Task BroadcastOnlyAsync(string eventType, Guid? workspaceId, JsonObject payload, CancellationToken cancellationToken = default)
        {
            var copy = (JsonObject)payload.DeepClone();
            await inner.BroadcastOnlyAsync(eventType, workspaceId, payload, cancellationToken);
            recorder._events.Enqueue((eventType, workspaceId, copy));
        }
    }
}
