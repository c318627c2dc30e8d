namespace Molecule.Docker;

/// <summary>
/// One engine event. For containers <see cref="Attributes"/> holds the labels plus <c>name</c> and
/// <c>image</c>; a <c>die</c> adds <c>exitCode</c>.
/// </summary>
public sealed record DockerEvent(
    string Type, string Action, string ActorId, IReadOnlyDictionary<string, string> Attributes, string? Scope, DateTimeOffset Time)
{
    /// <summary>The action without its detail: <c>exec_start: sh</c> → <c>exec_start</c>, <c>health_status: healthy</c> → <c>health_status</c>.</summary>
    public string ActionName => Action.Split(':', 2)[0];
}

/// <summary>Which events to stream; every set member narrows the stream (labels are ANDed).</summary>
public sealed record DockerEventFilter
{
    /// <summary><c>container</c>, <c>image</c>, <c>volume</c>, <c>network</c>, <c>daemon</c>, …</summary>
    public IReadOnlyList<string>? Types { get; init; }

    /// <summary><c>key</c> or <c>key=value</c>.</summary>
    public IReadOnlyList<string>? Labels { get; init; }

    /// <summary>Actions such as <c>die</c>, <c>start</c>, <c>oom</c>.</summary>
    public IReadOnlyList<string>? Actions { get; init; }

    /// <summary>Container ids or names.</summary>
    public IReadOnlyList<string>? Containers { get; init; }

    /// <summary>Replay events from this moment before streaming live ones.</summary>
    public DateTimeOffset? Since { get; init; }
}
