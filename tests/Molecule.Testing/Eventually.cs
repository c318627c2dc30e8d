using System.Diagnostics;
using System.Globalization;

namespace Molecule.Testing;

/// <summary>
/// The one bounded wait of the tests, for work the server finishes after answering: checks the
/// condition every <c>every</c> (50 ms unless given) until it holds, and fails after
/// <c>within</c> (10 s unless given) or the number of checks that fit in it, whichever comes first,
/// with a message saying what never happened.
/// </summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultWithin = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan DefaultEvery = TimeSpan.FromMilliseconds(50);

    public static Task UntilAsync(Func<bool> condition, string expectation, TimeSpan? within = null, TimeSpan? every = null) =>
        UntilAsync(() => Task.FromResult(condition()), () => Task.FromResult(expectation), within, every);

    public static Task UntilAsync(Func<Task<bool>> condition, string expectation, TimeSpan? within = null, TimeSpan? every = null) =>
        UntilAsync(condition, () => Task.FromResult(expectation), within, every);

    /// <param name="describe">Built only on failure, so it can name the last state seen.</param>
    public static Task UntilAsync(Func<Task<bool>> condition, Func<string> describe, TimeSpan? within = null, TimeSpan? every = null) =>
        UntilAsync(condition, () => Task.FromResult(describe()), within, every);

    /// <param name="describe">Built only on failure, so it can name the last state seen.</param>
    /// <exception cref="TimeoutException">The condition never held within the bounds.</exception>
    public static async Task UntilAsync(Func<Task<bool>> condition, Func<Task<string>> describe, TimeSpan? within = null, TimeSpan? every = null)
    {
        var limit = within ?? DefaultWithin;
        var interval = every ?? DefaultEvery;
        var maxChecks = (int)Math.Ceiling(limit / interval) + 1;
        var elapsed = Stopwatch.StartNew();
        for (var check = 1; ; check++)
        {
            if (await condition())
            {
                return;
            }

            if (check >= maxChecks || elapsed.Elapsed >= limit)
            {
                var description = await describe();
                throw new TimeoutException(string.Create(
                    CultureInfo.InvariantCulture, $"not met within {limit.TotalSeconds:0.###} s ({check} checks): {description}"));
            }

            await Task.Delay(interval);
        }
    }
}
