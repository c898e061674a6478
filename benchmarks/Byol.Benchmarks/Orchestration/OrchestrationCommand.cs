using System.Diagnostics;
using System.Text.Json.Nodes;
using Byol.Benchmarks.Cluster;
using Byol.Contracts.Grains;
using Byol.Contracts.Sweeps;
using Byol.Grains.Evaluation;
using Byol.Grains.Experiments;
using Byol.Grains.Training;
using Microsoft.Extensions.DependencyInjection;

namespace Byol.Benchmarks.Orchestration;

/// <summary>
/// The <c>orchestration</c> command: what the cluster costs per trial when the trial itself costs nothing. Every
/// trial goes the whole way a real one does (the experiment grain schedules it, the slot directory reserves a slot,
/// placement activates its trainer grain on that silo, the trainer reports the segment's end, an evaluator grain is
/// placed and reports a score, the sweep ranks it); only the training session and the scorer do no work.
/// </summary>
public static class OrchestrationCommand
{
    public static int Run(ReadOnlySpan<string> args)
    {
        if (args.Length > 0 && args[0] is "-h" or "--help")
        {
            Console.WriteLine(OrchestrationSettings.Usage);
            return 0;
        }
        var settings = OrchestrationSettings.Parse(args);
        return RunAsync(settings).GetAwaiter().GetResult();
    }

    private static async Task<int> RunAsync(OrchestrationSettings s)
    {
        var log = new SlotOccupancyLog();
        var duration = TimeSpan.FromMilliseconds(s.TrialMs);
        await using var cluster = await BenchmarkCluster.StartAsync(s.Silos, s.SlotsPerSilo, threadsPerSlot: 1, services =>
        {
            services.AddSingleton<ITrainingSessionFactory>(new NoOpTrainingSessionFactory(duration, log));
            services.AddSingleton<ITrialScorer>(new NoOpTrialScorer(log));
        });
        var timeout = TimeSpan.FromSeconds(s.TimeoutSeconds);
        if (s.WarmupTrials > 0)
        {
            var warmup = await cluster.SubmitAsync(BenchmarkSpecs.Orchestration(s.WarmupTrials, s.EffectiveMaxConcurrent));
            await cluster.WaitForEndAsync(warmup, timeout, TimeSpan.FromMilliseconds(50));
            log.Clear();
        }

        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        var spec = BenchmarkSpecs.Orchestration(s.Trials, s.EffectiveMaxConcurrent);
        var submittedAt = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var id = await cluster.SubmitAsync(spec);
        var submitMs = clock.Elapsed.TotalMilliseconds;
        await cluster.WaitForEndAsync(id, timeout, TimeSpan.FromMilliseconds(50));
        var view = await cluster.Grains.GetGrain<IExperimentGrain>(id).Show();
        var wall = (view.FinishedAt ?? DateTimeOffset.UtcNow) - submittedAt;
        var heapAfter = GC.GetTotalMemory(forceFullCollection: true);
        var stateBytes = cluster.ExperimentStateBytes(id);

        var occupancies = log.Snapshot();
        var latencies = SlotLatency.FreedToNextStartMs(occupancies, s.TotalSlots);
        var idealMs = (double)s.Trials * s.TrialMs / s.TotalSlots;
        var completed = view.Trials.Count(t => t.State == TrialState.Completed);
        var result = new JsonObject
        {
            ["benchmark"] = "orchestration",
            ["trials"] = s.Trials,
            ["silos"] = s.Silos,
            ["slots_per_silo"] = s.SlotsPerSilo,
            ["total_slots"] = s.TotalSlots,
            ["max_concurrent"] = s.EffectiveMaxConcurrent,
            ["trial_ms"] = s.TrialMs,
            ["sweep_state"] = SweepJson.Name(view.State),
            ["completed"] = completed,
            ["ranked"] = view.Trials.Count(t => t.Rank is not null),
            ["wall_s"] = Percentiles.Round(wall.TotalSeconds),
            ["ideal_s"] = Percentiles.Round(idealMs / 1000),
            ["overhead_ms_per_trial"] = Percentiles.Round((wall.TotalMilliseconds - idealMs) / s.Trials),
            ["trials_per_s"] = Percentiles.Round(s.Trials / wall.TotalSeconds),
            ["submit_ms"] = Percentiles.Round(submitMs),
            ["slot_freed_to_next_start_ms"] = Percentiles.Summary(latencies),
            ["slot_holds"] = new JsonObject
            {
                ["train"] = occupancies.Count(o => o.Kind == "train"),
                ["evaluate"] = occupancies.Count(o => o.Kind == "evaluate"),
                ["baselines"] = occupancies.Count(o => o.Kind == "baselines"),
            },
            ["experiment_state_bytes"] = stateBytes,
            ["experiment_state_bytes_per_trial"] = Percentiles.Round((double)stateBytes / s.Trials),
            ["process_heap_delta_bytes_per_trial"] = Percentiles.Round((double)(heapAfter - heapBefore) / s.Trials),
            ["tick_period_ms"] = ExperimentGrain.TickPeriod.TotalMilliseconds,
            ["warmup_trials"] = s.WarmupTrials,
            ["dotnet"] = Environment.Version.ToString(),
            ["processors"] = Environment.ProcessorCount,
        };
        ResultOutput.Print(result, s.Json,
        [
            ("", $"orchestration: {s.Trials} no-op trials, {s.Silos} silos x {s.SlotsPerSilo} slots, {s.TrialMs} ms per trial"),
            ("sweep", $"{result["sweep_state"]}, {completed} completed, {result["ranked"]} ranked"),
            ("wall time s", ResultOutput.Number(result["wall_s"])),
            ("ideal time s", ResultOutput.Number(result["ideal_s"])),
            ("overhead per trial ms", ResultOutput.Number(result["overhead_ms_per_trial"])),
            ("trials per s", ResultOutput.Number(result["trials_per_s"])),
            ("submit ms", ResultOutput.Number(result["submit_ms"])),
            ("slot freed -> next start ms", ResultOutput.Spread(result["slot_freed_to_next_start_ms"]) + "  (p50 / p95 / max)"),
            ("experiment state bytes per trial", ResultOutput.Number(result["experiment_state_bytes_per_trial"], "F0") + $"  ({stateBytes} in all)"),
            ("process heap delta per trial", ResultOutput.Number(result["process_heap_delta_bytes_per_trial"], "F0") + $"  (all {s.Silos} silos: includes evaluator activations not yet collected)"),
        ]);
        return view.State == SweepState.Completed && completed == s.Trials ? 0 : 1;
    }
}
