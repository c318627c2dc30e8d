namespace Molecule.Kernel.Compute;

/// <summary>
/// A stop or delete that could not be carried out, with a message safe to show an operator
/// (it never carries secrets). Callers collect these instead of pretending the compute is gone.
/// </summary>
public sealed class ComputeOperationException(string message) : Exception(message);
