namespace Molecule.Docker.Client;

/// <summary>
/// Runs <paramref name="start"/> once and shares its result with every caller; a failure is not
/// kept, so the next caller starts again (a daemon that was down a moment ago may be up now).
/// Each caller waits with its own cancellation without cancelling the shared run.
/// </summary>
internal sealed class OnceUntilSuccess<T>(Func<Task<T>> start)
{
    private readonly Lock _gate = new();
    private Task<T>? _run;

    public async Task<T> GetAsync(CancellationToken cancellationToken)
    {
        Task<T> run;
        lock (_gate)
        {
            run = _run ??= start();
        }

        try
        {
            return await run.WaitAsync(cancellationToken);
        }
        catch (Exception) when (run.IsFaulted || run.IsCanceled)
        {
            lock (_gate)
            {
                if (_run == run)
                {
                    _run = null;
                }
            }

            throw;
        }
    }
}
