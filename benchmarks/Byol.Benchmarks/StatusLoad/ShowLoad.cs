using System.Diagnostics;
using Byol.Contracts.Grains;

namespace Byol.Benchmarks.StatusLoad;

/// <summary>
/// Calls <see cref="IExperimentGrain.Show"/> at a fixed rate (open loop: a slow answer does not delay the next
/// call) until stopped, and keeps each call's latency.
/// </summary>
public sealed class ShowLoad(IExperimentGrain experiment, int queriesPerSecond)
{
    private readonly List<double> latenciesMs = [];
    private readonly List<Task> calls = [];
    private int failures;

    public IReadOnlyList<double> LatenciesMs => latenciesMs;
    public int Failures => failures;

    /// <summary>Issues calls on schedule until <paramref name="stop"/>, then waits for the ones in flight.</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        var interval = TimeSpan.FromSeconds(1.0 / queriesPerSecond);
        var clock = Stopwatch.StartNew();
        for (long i = 0; !stop.IsCancellationRequested; i++)
        {
            var due = interval * i;
            var wait = due - clock.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                try { await Task.Delay(wait, stop); }
                catch (OperationCanceledException) { break; }
            }
            calls.Add(Call());
        }
        await Task.WhenAll(calls);
    }

    private async Task Call()
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await experiment.Show();
            var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            lock (latenciesMs)
                latenciesMs.Add(ms);
        }
        catch (Exception)
        {
            Interlocked.Increment(ref failures);
        }
    }
}
