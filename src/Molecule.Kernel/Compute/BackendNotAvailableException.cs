namespace Molecule.Kernel.Compute;

/// <summary>
/// The one answer for "this backend cannot do that" (ARCHITECTURE.md §3): thrown by a backend
/// implementation, mapped once by <see cref="BackendNotAvailableHandler"/> to 501
/// <c>{"error":"&lt;operation&gt; is not available on the &lt;backend&gt; backend"}</c>.
/// </summary>
public sealed class BackendNotAvailableException(string operation, Backend backend)
    : Exception($"{operation} is not available on the {backend.ToWire()} backend")
{
    public string Operation { get; } = operation;

    public Backend Backend { get; } = backend;
}
