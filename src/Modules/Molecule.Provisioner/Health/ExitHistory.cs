namespace Molecule.Provisioner.Health;

/// <summary>Recent unexpected container exits per workspace, to tell a crash from a crash loop.</summary>
internal sealed class ExitHistory(TimeProvider clock)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, Queue<DateTimeOffset>> _exits = [];

    /// <summary>Records an exit now; returns how many fell inside the window, this one included.</summary>
    public int Record(Guid workspaceId)
    {
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            foreach (var (id, times) in _exits.ToList())
            {
                Expire(times, now);
                if (times.Count == 0 && id != workspaceId)
                {
                    _exits.Remove(id);
                }
            }

            var exits = _exits.TryGetValue(workspaceId, out var queue) ? queue : _exits[workspaceId] = new Queue<DateTimeOffset>();
            exits.Enqueue(now);
            return exits.Count;
        }
    }

    private static void Expire(Queue<DateTimeOffset> times, DateTimeOffset now)
    {
        while (times.Count > 0 && now - times.Peek() > ExitDecision.Window)
        {
            times.Dequeue();
        }
    }
}
