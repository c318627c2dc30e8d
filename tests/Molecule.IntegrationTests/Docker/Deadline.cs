namespace Molecule.IntegrationTests.Docker;

/// <summary>Every wait on the engine is bounded: a test that would hang fails with a cancellation instead.</summary>
internal static class Deadline
{
    public static CancellationToken In(int seconds = 30) => new CancellationTokenSource(TimeSpan.FromSeconds(seconds)).Token;
}
