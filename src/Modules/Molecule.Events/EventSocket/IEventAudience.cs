using Molecule.Events.Bus;

namespace Molecule.Events.EventSocket;

/// <summary>Decides which events one /ws client receives.</summary>
internal interface IEventAudience
{
    ValueTask<bool> MaySeeAsync(EventEnvelope envelope, CancellationToken cancellationToken);
}

/// <summary>A canvas client (no <c>X-Workspace-ID</c>): every event.</summary>
internal sealed class EveryEventAudience : IEventAudience
{
    public static readonly EveryEventAudience Instance = new();

    private EveryEventAudience()
    {
    }

    public ValueTask<bool> MaySeeAsync(EventEnvelope envelope, CancellationToken cancellationToken) => ValueTask.FromResult(true);
}
