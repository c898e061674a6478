using System.Globalization;
using Byol.Contracts.Grains;
using Byol.Contracts.Specs;
using Byol.Contracts.Sweeps;
using Spectre.Console;

namespace Byol.Silo.Commands;

/// <summary>Submits a sweep, shows its progress until it ends, then prints the ranked table or the JSON document.</summary>
public sealed class SweepRunner(IGrainFactory grains, IAnsiConsole console, TextWriter output)
{
    public static readonly TimeSpan PollPeriod = TimeSpan.FromSeconds(1);

    public async Task<int> RunAsync(SweepSpec spec, bool json, CancellationToken cancellation)
    {
        var id = SweepIds.New(spec.Name);
        var experiment = grains.GetGrain<IExperimentGrain>(id);
        var submitted = await experiment.Submit(spec);
        if (!submitted.Accepted)
        {
            foreach (var error in submitted.Errors)
                Console.Error.WriteLine(error);
            return 2;
        }
        if (!json)
            console.MarkupLine($"Sweep [bold]{Markup.Escape(id)}[/]: {submitted.Trials} trials");
        var view = await Watch(experiment, json, cancellation);
        if (cancellation.IsCancellationRequested)
        {
            await experiment.Cancel();
            view = await experiment.Show();
        }
        if (json)
            output.WriteLine(SweepJson.Serialize(view));
        else
            console.Write(ResultsTable.Render(view));
        return view.State == SweepState.Completed ? 0 : 1;
    }

    private async Task<SweepView> Watch(IExperimentGrain experiment, bool quiet, CancellationToken cancellation)
    {
        var lastLine = new Dictionary<string, string>();
        var lastPrint = DateTime.MinValue;
        while (true)
        {
            var view = await experiment.Show();
            if (view.State is SweepState.Completed or SweepState.Cancelled or SweepState.Failed || cancellation.IsCancellationRequested)
                return view;
            if (!quiet && DateTime.UtcNow - lastPrint > TimeSpan.FromSeconds(5))
            {
                foreach (var t in view.Trials.OrderBy(t => t.Id, StringComparer.Ordinal))
                {
                    var line = Progress(t);
                    if (lastLine.GetValueOrDefault(t.Id) != line)
                        console.WriteLine(line);
                    lastLine[t.Id] = line;
                }
                lastPrint = DateTime.UtcNow;
            }
            try { await Task.Delay(PollPeriod, cancellation); }
            catch (OperationCanceledException) { }
        }
    }

    private static string Progress(TrialView t)
    {
        var inv = CultureInfo.InvariantCulture;
        var parts = new List<string> { $"{t.Id} {SweepJson.Name(t.State),-9} step {t.Step}/{t.Steps}" };
        if (t.Metrics.Loss is { } loss) parts.Add(string.Format(inv, "loss {0:F4}", loss));
        if (t.Metrics.ImagesPerSecond is { } ips && t.State == TrialState.Running) parts.Add(string.Format(inv, "{0:F0} img/s", ips));
        if (t.Metrics.KnnTop1 is { } knn) parts.Add(string.Format(inv, "kNN {0:P1}", knn));
        if (t.Metrics.LinearTop1 is { } lin) parts.Add(string.Format(inv, "linear {0:P1}", lin));
        if (t.Silo is { } silo && t.State == TrialState.Running) parts.Add("on " + silo);
        return string.Join(", ", parts);
    }
}
