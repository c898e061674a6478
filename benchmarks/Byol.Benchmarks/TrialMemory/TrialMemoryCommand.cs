using System.Text.Json.Nodes;
using Byol.Benchmarks.Cluster;
using Byol.Contracts.Grains;
using Byol.Contracts.Sweeps;

namespace Byol.Benchmarks.TrialMemory;

/// <summary>
/// The <c>trial-memory</c> command: whether a silo gives back what a trial took. Trials run one at a time on one
/// slot; after each one completes (trained, checkpointed, evaluated), the process's RSS and managed heap are read.
/// A silo that keeps something per trial (a model, an optimizer, tensors of a dispose scope, a cached data set
/// copy) grows by about that much per trial; one that does not levels off after the first few.
/// </summary>
public static class TrialMemoryCommand
{
    public static int Run(ReadOnlySpan<string> args)
    {
        if (args.Length > 0 && args[0] is "-h" or "--help")
        {
            Console.WriteLine(TrialMemorySettings.Usage);
            return 0;
        }
        return RunAsync(TrialMemorySettings.Parse(args)).GetAwaiter().GetResult();
    }

    private sealed record Sample(int Trial, double Seconds, long RssBytes, long HeapBytes);

    private static async Task<int> RunAsync(TrialMemorySettings s)
    {
        await using var cluster = await BenchmarkCluster.StartAsync(silos: 1, slotsPerSilo: 1, threadsPerSlot: s.Threads);
        var id = await cluster.SubmitAsync(BenchmarkSpecs.RealTrials(s.Trials, s.Steps, s.Batch, logEvery: Math.Max(1, s.Steps)));
        var experiment = cluster.Grains.GetGrain<IExperimentGrain>(id);
        var samples = new List<Sample>();
        var started = DateTime.UtcNow;
        var completed = 0;
        SweepView view;
        while (true)
        {
            view = await experiment.Show();
            var now = view.Trials.Count(t => t.State == TrialState.Completed);
            if (now > completed)
            {
                var sample = new Sample(now, (DateTime.UtcNow - started).TotalSeconds, ProcessMemory.ResidentBytes(), GC.GetTotalMemory(forceFullCollection: false));
                for (var trial = completed + 1; trial <= now; trial++)
                    samples.Add(sample with { Trial = trial });
                completed = now;
                if (!s.Json && (now % s.PrintEvery == 0 || now == 1))
                    Console.Error.WriteLine($"trial {now}: RSS {Mb(sample.RssBytes):F1} MB, managed heap {Mb(sample.HeapBytes):F1} MB");
            }
            if (view.State is SweepState.Completed or SweepState.Failed or SweepState.Cancelled)
                break;
            if (view.Trials.FirstOrDefault(t => t.State == TrialState.Failed) is { } failed)
                throw new InvalidOperationException($"trial {failed.Id} failed: {failed.Error}");
            await Task.Delay(100);
        }

        var from = samples.First(x => x.Trial == s.From);
        var last = samples[^1];
        var growth = last.RssBytes - from.RssBytes;
        var result = new JsonObject
        {
            ["benchmark"] = "trial-memory",
            ["trials"] = s.Trials,
            ["completed"] = view.Trials.Count(t => t.State == TrialState.Completed),
            ["steps_per_trial"] = s.Steps,
            ["batch"] = s.Batch,
            ["threads"] = s.Threads,
            ["rss_mb_first"] = Percentiles.Round(Mb(samples[0].RssBytes)),
            [$"rss_mb_at_trial_{s.From}"] = Percentiles.Round(Mb(from.RssBytes)),
            ["rss_mb_last"] = Percentiles.Round(Mb(last.RssBytes)),
            ["rss_growth_mb"] = Percentiles.Round(Mb(growth)),
            ["rss_growth_kb_per_trial"] = Percentiles.Round(growth / 1024.0 / (last.Trial - from.Trial)),
            ["rss_slope_kb_per_trial"] = Percentiles.Round(Slope(samples.Where(x => x.Trial >= s.From).ToList()) / 1024),
            ["growth_from_trial"] = s.From,
            ["growth_to_trial"] = last.Trial,
            ["wall_s"] = Percentiles.Round((DateTime.UtcNow - started).TotalSeconds),
            ["samples"] = new JsonArray(samples.Select(x => (JsonNode)new JsonObject
            {
                ["trial"] = x.Trial,
                ["seconds"] = Percentiles.Round(x.Seconds),
                ["rss_mb"] = Percentiles.Round(Mb(x.RssBytes)),
                ["managed_heap_mb"] = Percentiles.Round(Mb(x.HeapBytes)),
            }).ToArray()),
            ["dotnet"] = Environment.Version.ToString(),
        };
        var table = new List<(string, string)>
        {
            ("", $"trial-memory: {s.Trials} trials of small-resnet, {s.Steps} steps of batch {s.Batch} each, then evaluated; one silo, one slot"),
            ("", $"  {"trial",-8}{"seconds",10}{"RSS MB",10}{"heap MB",10}"),
        };
        table.AddRange(samples.Where(x => x.Trial == 1 || x.Trial % s.PrintEvery == 0 || x.Trial == s.From)
            .Select(x => ("", $"  {x.Trial,-8}{x.Seconds,10:F1}{Mb(x.RssBytes),10:F1}{Mb(x.HeapBytes),10:F1}")));
        table.Add(($"RSS growth trial {s.From} -> {last.Trial}", $"{Mb(growth):F1} MB ({result["rss_growth_kb_per_trial"]} KB per trial)"));
        table.Add(($"RSS trend from trial {s.From}", $"{result["rss_slope_kb_per_trial"]} KB per trial (least squares over every trial)"));
        ResultOutput.Print(result, s.Json, table);
        return view.State == SweepState.Completed ? 0 : 1;
    }

    /// <summary>
    /// Least-squares slope of RSS over trial number (bytes per trial): less swayed than two single readings by how
    /// much the allocator happens to hold at either one.
    /// </summary>
    private static double Slope(IReadOnlyList<Sample> samples)
    {
        var meanTrial = samples.Average(x => (double)x.Trial);
        var meanRss = samples.Average(x => (double)x.RssBytes);
        var covariance = samples.Sum(x => (x.Trial - meanTrial) * (x.RssBytes - meanRss));
        var variance = samples.Sum(x => (x.Trial - meanTrial) * (x.Trial - meanTrial));
        return variance == 0 ? 0 : covariance / variance;
    }

    private static double Mb(long bytes) => bytes / (1024.0 * 1024.0);
}
