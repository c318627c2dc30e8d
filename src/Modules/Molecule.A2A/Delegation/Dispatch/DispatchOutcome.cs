using Molecule.A2A.Proxy;

namespace Molecule.A2A.Delegation.Dispatch;

internal enum DispatchResult
{
    /// <summary>The agent answered; <see cref="DispatchOutcome.Delivery"/> holds the answer.</summary>
    Delivered,
    /// <summary>The agent was busy; the message waits in the A2A queue.</summary>
    Queued,
    /// <summary>Nothing was delivered; <see cref="DispatchOutcome.Error"/> says why.</summary>
    Failed,
}

/// <summary>How one send attempt ended. <see cref="Transient"/> failures are worth one more try.</summary>
internal sealed record DispatchOutcome(DispatchResult Result, ProxyActivity? Delivery, string? Error, bool Transient)
{
    public static DispatchOutcome Delivered(ProxyActivity delivery) => new(DispatchResult.Delivered, delivery, null, false);

    public static readonly DispatchOutcome Queued = new(DispatchResult.Queued, null, null, false);

    public static DispatchOutcome Permanent(string error) => new(DispatchResult.Failed, null, error, false);

    public static DispatchOutcome Retryable(string error) => new(DispatchResult.Failed, null, error, true);
}
