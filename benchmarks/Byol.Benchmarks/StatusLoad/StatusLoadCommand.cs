using System.Diagnostics;
using System.Text.Json.Nodes;
using Byol.Benchmarks.Cluster;
using Byol.Contracts.Grains;
using Byol.Contracts.Sweeps;
using Byol.Grains.Slots;

namespace Byol.Benchmarks.StatusLoad;

/// <summary>
/// The <c>status-load</c> command: what `sweep show` queries cost a trial that trains meanwhile, with the silo as
/// shipped in a process of its own and this process as its client over TCP. Phases without and with the query load
/// alternate (off, on, off, on, ...), each loaded phase is set against the unloaded ones next to it.
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

    private sealed record Phase(bool Loaded, double Seconds, long Steps, double ImagesPerSecond, int Queries, int Failures, ProcessCpu Client);

    private sealed record QueryCost(double SiloCpuMs, double SiloSwitches, double ClientCpuMs);

    private static async Task<int> RunAsync(StatusLoadSettings s)
    {
        var executable = s.Silo ?? SiloProcess.DefaultExecutable();
        await using var silo = SiloProcess.Start(executable, s.Threads, s.SiloSettings, s.SiloEnvironment);
        try
        {
            await using var client = await GatewayClient.ConnectAsync(silo.GatewayPort, silo.ClusterId, TimeSpan.FromMinutes(2));
            return await MeasureAsync(s, silo, client.Grains, executable);
        }
        catch (Exception)
        {
            Console.Error.WriteLine($"status-load: failed{(silo.HasExited ? " (the silo exited)" : "")}; the end of the silo's log:\n{silo.LogTail()}");
            throw;
        }
    }

    private static async Task<int> MeasureAsync(StatusLoadSettings s, SiloProcess silo, IGrainFactory grains, string executable)
    {
        await WaitForSlot(grains);
        var id = SweepIds.New("status-load");
        var submitted = await grains.GetGrain<IExperimentGrain>(id).Submit(BenchmarkSpecs.RealTrials(trials: 1, steps: Steps, batch: s.Batch, logEvery: 10));
        if (!submitted.Accepted)
            throw new InvalidOperationException("the sweep was refused: " + string.Join("; ", submitted.Errors));
        var experiment = grains.GetGrain<IExperimentGrain>(id);
        var trial = await WaitForTraining(experiment);
        var trainer = grains.GetGrain<ITrainerGrain>(TrainerKeys.TrainerGrainKey(id, trial));
        // Training and the query path both warm up (the JIT's tiers settle in silo and client), as in a long-running silo.
        using (var warmup = new CancellationTokenSource(TimeSpan.FromSeconds(s.WarmupSeconds)))
            await new ShowLoad(experiment, s.Qps).RunAsync(warmup.Token);

        var phases = new List<Phase>();
        var latencies = new List<double>();
        for (var i = 0; i < s.Phases; i++)
        {
            var loaded = i % 2 == 1;
            var (phase, phaseLatencies) = await RunPhase(s, experiment, trainer, loaded);
            phases.Add(phase);
            latencies.AddRange(phaseLatencies);
            if (!s.Json)
                Console.Error.WriteLine($"phase {i} ({(loaded ? "with" : "without")} queries): {phase.ImagesPerSecond:F1} images/s" +
                                        (loaded ? $", {phase.Queries / phase.Seconds:F1} queries/s" : ""));
        }
        await experiment.Cancel();
        var cost = await QueryCostWithoutTraining(experiment, trainer, silo, s.Qps);

        double Rate(bool loaded) => phases.Where(p => p.Loaded == loaded).Sum(p => p.Steps) * (double)s.Batch / phases.Where(p => p.Loaded == loaded).Sum(p => p.Seconds);
        var off = Rate(false);
        var on = Rate(true);
        var paired = PairedSlowdown.PercentPerLoadedPhase(phases.Select(p => (p.Loaded, p.ImagesPerSecond)).ToList());
        var loadedPhases = phases.Where(p => p.Loaded).ToList();
        var loadedSeconds = loadedPhases.Sum(p => p.Seconds);
        var clientUnderTraining = loadedPhases.Aggregate(TimeSpan.Zero, (sum, p) => sum + p.Client.Cpu).TotalMilliseconds / Math.Max(1, latencies.Count);
        var result = new JsonObject
        {
            ["benchmark"] = "status-load",
            ["topology"] = "silo: its own process (" + Path.GetFileName(executable) + "); client: this process, over the silo's TCP gateway",
            ["silo"] = executable,
            ["silo_settings"] = new JsonArray(s.SiloSettings.Select(v => (JsonNode)v).ToArray()),
            ["silo_environment"] = new JsonObject(s.SiloEnvironment.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))),
            ["encoder"] = "small-resnet",
            ["batch"] = s.Batch,
            ["threads"] = s.Threads,
            ["qps_target"] = s.Qps,
            ["phase_s"] = s.PhaseSeconds,
            ["slowdown_percent"] = Percentiles.Round(Percentiles.Of(paired, 50)),
            ["slowdown_percent_p25"] = Percentiles.Round(Percentiles.Of(paired, 25)),
            ["slowdown_percent_p75"] = Percentiles.Round(Percentiles.Of(paired, 75)),
            ["slowdown_percent_pooled"] = Percentiles.Round((off - on) / off * 100),
            ["meets_target"] = Percentiles.Of(paired, 50) <= 3,
            ["images_per_s_without_queries"] = Percentiles.Round(off),
            ["images_per_s_with_queries"] = Percentiles.Round(on),
            ["qps_achieved"] = Percentiles.Round(latencies.Count / loadedSeconds),
            ["query_failures"] = phases.Sum(p => p.Failures),
            ["show_latency_ms"] = Percentiles.Summary(latencies),
            ["client_cpu_ms_per_query_under_training"] = Percentiles.Round(clientUnderTraining),
            ["silo_cpu_ms_per_query_without_training"] = Percentiles.Round(cost.SiloCpuMs),
            ["silo_switches_per_query_without_training"] = Percentiles.Round(cost.SiloSwitches),
            ["client_cpu_ms_per_query_without_training"] = Percentiles.Round(cost.ClientCpuMs),
            ["phases"] = new JsonArray(phases.Select(p => (JsonNode)new JsonObject
            {
                ["loaded"] = p.Loaded,
                ["seconds"] = Math.Round(p.Seconds, 3),
                ["steps"] = p.Steps,
                ["images_per_s"] = Percentiles.Round(p.ImagesPerSecond),
                ["queries"] = p.Queries,
                ["client_cpu_ms"] = Math.Round(p.Client.Cpu.TotalMilliseconds),
            }).ToArray()),
            ["dotnet"] = Environment.Version.ToString(),
            ["processors"] = Environment.ProcessorCount,
        };
        ResultOutput.Print(result, s.Json,
        [
            ("", $"status-load: small-resnet, batch {s.Batch}, {s.Threads} threads, {s.Qps} sweep show/s in every other {s.PhaseSeconds} s phase; silo in its own process, client here over TCP"),
            ("slowdown % (median, p25..p75)", ResultOutput.Number(result["slowdown_percent"]) + $"  ({ResultOutput.Number(result["slowdown_percent_p25"])} .. {ResultOutput.Number(result["slowdown_percent_p75"])}; target <= 3)"),
            ("slowdown %, phases pooled", ResultOutput.Number(result["slowdown_percent_pooled"])),
            ("images/s without / with queries", ResultOutput.Number(result["images_per_s_without_queries"]) + " / " + ResultOutput.Number(result["images_per_s_with_queries"])),
            ("queries/s achieved", ResultOutput.Number(result["qps_achieved"]) + $"  ({result["query_failures"]} failed)"),
            ("Show latency ms", ResultOutput.Spread(result["show_latency_ms"], "p99") + "  (p50 / p99 / max)"),
            ("client CPU ms per query, training", ResultOutput.Number(result["client_cpu_ms_per_query_under_training"])),
            ("per query, no training: silo", ResultOutput.Number(result["silo_cpu_ms_per_query_without_training"]) + " ms CPU, " + ResultOutput.Number(result["silo_switches_per_query_without_training"], "F1") + " context switches"),
            ("per query, no training: client", ResultOutput.Number(result["client_cpu_ms_per_query_without_training"]) + " ms CPU"),
        ]);
        return 0;
    }

    /// <summary>One phase from a completed step to a completed step at least <c>PhaseSeconds</c> later, the query load on throughout when <paramref name="loaded"/>.</summary>
    private static async Task<(Phase, IReadOnlyList<double>)> RunPhase(StatusLoadSettings s, IExperimentGrain experiment, ITrainerGrain trainer, bool loaded)
    {
        var load = new ShowLoad(experiment, s.Qps);
        using var stop = new CancellationTokenSource();
        var start = await StepClock.NextStepAsync(trainer);
        var client = ProcessCpu.Read(Environment.ProcessId);
        var running = loaded ? load.RunAsync(stop.Token) : Task.CompletedTask;
        await Task.Delay(TimeSpan.FromSeconds(s.PhaseSeconds));
        var end = await StepClock.NextStepAsync(trainer);
        stop.Cancel();
        await running;
        client = ProcessCpu.Read(Environment.ProcessId) - client;
        if (end.Fence != start.Fence)
            throw new InvalidOperationException("the trial moved during the measurement");
        var seconds = StepMark.Seconds(start, end);
        var steps = end.Step - start.Step;
        return (new Phase(loaded, seconds, steps, steps * s.Batch / seconds, load.LatenciesMs.Count, load.Failures, client), load.LatenciesMs);
    }

    /// <summary>
    /// With the trial stopped: the silo's CPU time and context switches, and this client's CPU time, per Show call at
    /// the same rate, less the same time without calls.
    /// </summary>
    private static async Task<QueryCost> QueryCostWithoutTraining(IExperimentGrain experiment, ITrainerGrain trainer, SiloProcess silo, int queriesPerSecond)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        while ((await trainer.Status()).Running && DateTime.UtcNow < deadline)
            await Task.Delay(200);
        await Task.Delay(TimeSpan.FromSeconds(3)); // the cancelled sweep settles
        var window = TimeSpan.FromSeconds(5);
        var (siloIdle, clientIdle) = (silo.Cpu(), ProcessCpu.Read(Environment.ProcessId));
        await Task.Delay(window);
        (siloIdle, clientIdle) = (silo.Cpu() - siloIdle, ProcessCpu.Read(Environment.ProcessId) - clientIdle);
        var load = new ShowLoad(experiment, queriesPerSecond);
        using var stop = new CancellationTokenSource(window);
        var (siloLoaded, clientLoaded) = (silo.Cpu(), ProcessCpu.Read(Environment.ProcessId));
        await load.RunAsync(stop.Token);
        (siloLoaded, clientLoaded) = (silo.Cpu() - siloLoaded, ProcessCpu.Read(Environment.ProcessId) - clientLoaded);
        var queries = Math.Max(1, load.LatenciesMs.Count);
        return new QueryCost(
            (siloLoaded.Cpu - siloIdle.Cpu).TotalMilliseconds / queries,
            (siloLoaded.Switches - siloIdle.Switches) / (double)queries,
            (clientLoaded.Cpu - clientIdle.Cpu).TotalMilliseconds / queries);
    }

    private static async Task WaitForSlot(IGrainFactory grains)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while ((await grains.GetGrain<ISlotDirectoryGrain>(0).Silos()).Count < 1)
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException("the silo did not register its slot within a minute");
            await Task.Delay(200);
        }
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
