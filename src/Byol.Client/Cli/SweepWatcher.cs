using Byol.Client.Api;
using Byol.Client.Output;
using Byol.Contracts.Sweeps;
using Spectre.Console;

namespace Byol.Client.Cli;

/// <summary>
/// Shows a sweep as the cluster pushes it until it ends: a live view on an interactive terminal, a line per change
/// of the totals and the final frame otherwise, one JSON document per line with --json. Ctrl+C stops watching
/// and cancels nothing.
/// </summary>
public static class SweepWatcher
{
    public static async Task<SweepView> WatchAsync(ByolClient client, string sweepId, CliContext context, bool json, CancellationToken cancellation, bool quiet = false)
    {
        await using var views = client.WatchAsync(sweepId, context.WatchResubscribe, cancellation).GetAsyncEnumerator(cancellation);
        if (!await views.MoveNextAsync())
            throw new InvalidOperationException($"sweep '{sweepId}' sent no view");
        var last = views.Current;
        if (quiet)
        {
            while (await views.MoveNextAsync())
                last = views.Current;
            return last;
        }
        if (json)
        {
            do
            {
                last = views.Current;
                await context.Out.WriteLineAsync(SweepJson.Serialize(last, indented: false));
            }
            while (await views.MoveNextAsync());
            return last;
        }
        if (context.Console.Profile.Capabilities.Interactive)
        {
            await context.Console.Live(WatchFrame.Render(last)).AutoClear(false).StartAsync(async live =>
            {
                while (await views.MoveNextAsync())
                {
                    last = views.Current;
                    live.UpdateTarget(WatchFrame.Render(last));
                    live.Refresh();
                }
            });
            return last;
        }
        var lastTotals = WatchFrame.Totals(last);
        context.Console.MarkupLine(WatchFrame.Header(last));
        context.Console.MarkupLine(lastTotals);
        while (await views.MoveNextAsync())
        {
            last = views.Current;
            var totals = WatchFrame.Totals(last);
            if (totals != lastTotals)
                context.Console.MarkupLine(totals);
            lastTotals = totals;
        }
        context.Console.Write(WatchFrame.Render(last));
        return last;
    }

    /// <summary>0 for a completed sweep; 1 for one that failed or was cancelled.</summary>
    public static int ExitCode(SweepView view) => view.State == SweepState.Completed ? ExitCodes.Ok : ExitCodes.Failed;
}
