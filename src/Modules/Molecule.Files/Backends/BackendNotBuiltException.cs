namespace Molecule.Files.Backends;

/// <summary>Thrown by a backend whose implementation does not exist yet; the routes answer 501 naming the feature.</summary>
internal sealed class BackendNotBuiltException() : Exception("this compute backend has no files implementation yet");
