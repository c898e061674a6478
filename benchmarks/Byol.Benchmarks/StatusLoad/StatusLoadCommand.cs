using System.Diagnostics;
using System.Text.Json.Nodes;
using Byol.Benchmarks.Cluster;
using Byol.Contracts.Grains;
using Byol.Contracts.Sweeps;
using Byol.Grains.Slots;

namespace Byol.Benchmarks.StatusLoad;

/// <summary>
/// The <c>status-load</c> command: what `sweep show` queries cost a trial that trains meanwhile. Phases without and
/// with the query load alternate (off, on, off, on, ...), so a drift of the machine's speed affects both alike.
/// </summary>
public static class StatusLoadCommand
{
    private const int Steps = 1_000_000;

    public static int Run(ReadOnlySpan<string> args)
    {
        if (args.Length > 0 && args[0] is "-h" or "--help")
        {
            Console.WriteLine(StatusLoadSettings.Usage);
            return 0;
        }
        return RunAsync(StatusLoadSettings.Parse(args)).GetAwaiter().GetResult();
    }

    private sealed record Phase(int Index, bool Loaded, double Seconds, long Steps, double ImagesPerSecond, int Queries, int Failures);

    private static async Task<int> RunAsync(StatusLoadSettings s)
    {
        await using var cluster = await BenchmarkCluster.StartAsync(silos: 1, slotsPerSilo: 1, threadsPerSlot: s.Threads);
        var id = await cluster.SubmitAsync(BenchmarkSpecs.RealTrials(trials: 1, steps: Steps, batch: s.Batch, logEvery: 10));
        var experiment = cluster.Grains.GetGrain<IExperimentGrain>(id);
        var trial = await WaitForTraining(experiment);
        var trainer = cluster.Grains.GetGrain<ITrainerGrain>(TrainerKeys.TrainerGrainKey(id, trial));
        await Task.Delay(TimeSpan.FromSeconds(s.WarmupSeconds));

        var phases = new List<Phase>();
        var latencies = new List<double>();
        for (var i = 0; i < s.Phases; i++)
        {
            var loaded = i % 2 == 1;
            var before = await trainer.Status();
            var clock = Stopwatch.StartNew();
            var load = new ShowLoad(experiment, s.Qps);
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(s.PhaseSeconds));
            if (loaded)
                await load.RunAsync(stop.Token);
            else
                await Task.Delay(TimeSpan.FromSeconds(s.PhaseSeconds));
            var after = await trainer.Status();
            var seconds = clock.Elapsed.TotalSeconds;
            if (!after.Running || after.Fence != before.Fence)
                throw new InvalidOperationException("the trial stopped training during the measurement");
            var steps = after.Step - before.Step;
            phases.Add(new Phase(i, loaded, seconds, steps, steps * s.Batch / seconds, load.LatenciesMs.Count, load.Failures));
            latencies.AddRange(load.LatenciesMs);
            if (!s.Json)
                Console.Error.WriteLine($"phase {i} ({(loaded ? "with" : "without")} queries): {steps * s.Batch / seconds:F1} images/s" +
                                        (loaded ? $", {load.LatenciesMs.Count / seconds:F1} queries/s" : ""));
        }
        await experiment.Cancel();
        var cpuMsPerQuery = await CpuMsPerQueryWithoutTraining(experiment, s.Qps);

        double Rate(bool loaded) => phases.Where(p => p.Loaded == loaded).Sum(p => p.Steps) * (double)s.Batch / phases.Where(p => p.Loaded == loaded).Sum(p => p.Seconds);
        var off = Rate(false);
        var on = Rate(true);
        var loadedSeconds = phases.Where(p => p.Loaded).Sum(p => p.Seconds);
        var result = new JsonObject
        {
            ["benchmark"] = "status-load",
            ["encoder"] = "small-resnet",
            ["batch"] = s.Batch,
            ["threads"] = s.Threads,
            ["qps_target"] = s.Qps,
            ["phase_s"] = s.PhaseSeconds,
            ["images_per_s_without_queries"] = Percentiles.Round(off),
            ["images_per_s_with_queries"] = Percentiles.Round(on),
            ["slowdown_percent"] = Percentiles.Round((off - on) / off * 100),
            ["qps_achieved"] = Percentiles.Round(latencies.Count / loadedSeconds),
            ["query_failures"] = phases.Sum(p => p.Failures),
            ["show_latency_ms"] = Percentiles.Summary(latencies),
            ["cpu_ms_per_query_without_training"] = Percentiles.Round(cpuMsPerQuery),
            ["phases"] = new JsonArray(phases.Select(p => (JsonNode)new JsonObject
            {
                ["loaded"] = p.Loaded,
                ["seconds"] = Percentiles.Round(p.Seconds),
                ["steps"] = p.Steps,
                ["images_per_s"] = Percentiles.Round(p.ImagesPerSecond),
                ["queries"] = p.Queries,
            }).ToArray()),
            ["dotnet"] = Environment.Version.ToString(),
            ["processors"] = Environment.ProcessorCount,
        };
        ResultOutput.Print(result, s.Json,
        [
            ("", $"status-load: small-resnet, batch {s.Batch}, {s.Threads} threads, {s.Qps} sweep show/s in every other {s.PhaseSeconds} s phase"),
            ("images/s without queries", ResultOutput.Number(result["images_per_s_without_queries"])),
            ("images/s with queries", ResultOutput.Number(result["images_per_s_with_queries"])),
            ("slowdown %", ResultOutput.Number(result["slowdown_percent"])),
            ("queries/s achieved", ResultOutput.Number(result["qps_achieved"]) + $"  ({result["query_failures"]} failed)"),
            ("Show latency ms", ResultOutput.Spread(result["show_latency_ms"], "p99") + "  (p50 / p99 / max)"),
            ("CPU ms per query, no training", ResultOutput.Number(result["cpu_ms_per_query_without_training"]) + "  (client and silo together)"),
        ]);
        return 0;
    }

    /// <summary>
    /// With the trial stopped: the process's CPU time per Show call at the same rate, less the same time without calls.
    /// Client and silo run in this one process, so it is both ends of the call together.
    /// </summary>
    private static async Task<double> CpuMsPerQueryWithoutTraining(IExperimentGrain experiment, int queriesPerSecond)
    {
        var window = TimeSpan.FromSeconds(5);
        await Task.Delay(TimeSpan.FromSeconds(2)); // the cancelled trial winds down
        static TimeSpan Cpu() => Process.GetCurrentProcess().TotalProcessorTime;
        var before = Cpu();
        await Task.Delay(window);
        var idle = Cpu() - before;
        var load = new ShowLoad(experiment, queriesPerSecond);
        using var stop = new CancellationTokenSource(window);
        before = Cpu();
        await load.RunAsync(stop.Token);
        var loaded = Cpu() - before;
        return (loaded - idle).TotalMilliseconds / Math.Max(1, load.LatenciesMs.Count);
    }

    /// <summary>Waits until the sweep's baselines are scored and its one trial trains; returns the trial's id.</summary>
    private static async Task<string> WaitForTraining(IExperimentGrain experiment)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(5);
        while (DateTime.UtcNow < deadline)
        {
            var view = await experiment.Show();
            if (view.Trials.FirstOrDefault() is { State: TrialState.Running, Step: > 0 } trial && (view.Baselines is not null || view.Error is not null))
                return trial.Id;
            if (view.State is SweepState.Failed or SweepState.Cancelled || view.Trials.Any(t => t.State == TrialState.Failed))
                throw new InvalidOperationException("the trial did not start training: " + (view.Trials.FirstOrDefault()?.Error ?? view.Error));
            await Task.Delay(500);
        }
        throw new TimeoutException("the trial did not start training within 5 minutes");
    }
}
