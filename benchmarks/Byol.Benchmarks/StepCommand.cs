using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Byol.Model.Runtime;
using Byol.Model.Training;

namespace Byol.Benchmarks;

/// <summary>
/// The <c>step</c> command. Whole steps: <see cref="TrainingRun.TrainStep"/>, the code a trial runs, timed over N steps
/// after W warmup steps; images/s = batch / mean step time (source images, each giving two views). Phases: a second,
/// identically built model stepped by <see cref="PhasedStep"/>, timed over P steps after W warmup steps.
/// </summary>
internal static class StepCommand
{
    /// <summary>
    /// Runs the command on a thread of its own, as a trial trains on its own thread in a silo (TrainingSession): glibc
    /// gives such a thread its own arena, whose heaps behave unlike the main thread's.
    /// </summary>
    public static int Run(StepSettings s)
    {
        var exit = 0;
        System.Runtime.ExceptionServices.ExceptionDispatchInfo? failure = null;
        var thread = new Thread(() =>
        {
            try { exit = RunHere(s); }
            catch (Exception e) { failure = System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e); }
        }) { Name = "byol-bench-step" };
        thread.Start();
        thread.Join();
        failure?.Throw();
        return exit;
    }

    private static int RunHere(StepSettings s)
    {
        var (threads, data) = s.Prepare();
        // The last timed step reports (one loss read-back, as a trial does every LogEvery steps).
        var options = s.ToTrainingOptions(s.Warmup + Math.Max(s.Steps, s.EffectivePhaseSteps), logEvery: s.Warmup + s.Steps);

        var stepMs = new List<double>();
        var cpu = TimeSpan.Zero;
        var finalLoss = double.NaN;
        using (var run = new TrainingRun(options, data))
        {
            for (var i = 0; i < s.Warmup + s.Steps; i++)
            {
                var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
                var clock = Stopwatch.StartNew();
                var metrics = run.TrainStep();
                if (i >= s.Warmup)
                {
                    stepMs.Add(clock.Elapsed.TotalMilliseconds);
                    cpu += Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
                }
                if (metrics is not null)
                    finalLoss = metrics.Loss;
                Progress(s, "step", i, clock.Elapsed.TotalMilliseconds);
            }
        }

        var phases = new List<PhaseTimes>();
        if (s.EffectivePhaseSteps > 0)
        {
            using var phased = new PhasedStep(options, data);
            for (var i = 0; i < s.Warmup + s.EffectivePhaseSteps; i++)
            {
                var times = phased.Step();
                if (i >= s.Warmup)
                    phases.Add(times);
                Progress(s, "phased step", i, times.StepMs);
            }
        }

        var result = StepResult(s, threads, stepMs, phases, finalLoss);
        // CPU time of the whole process per timed step: on a shared machine it moves less with other loads than wall time.
        result["cpu_ms_per_step"] = Round(cpu.TotalMilliseconds / stepMs.Count);
        result["native_heap"] = NativeHeap.IsTuned ? "tuned (Byol.Model.Runtime.NativeHeap)" : "glibc default";
        if (s.Json)
            Console.WriteLine(result.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        else
            PrintTable(result);
        return 0;
    }

    private static void Progress(StepSettings s, string what, int i, double ms)
    {
        if (Environment.GetEnvironmentVariable("BYOL_BENCH_VERBOSE") == "1")
            Console.Error.WriteLine($"{what} {i}: {ms:F1} ms{(i < s.Warmup ? " (warmup)" : "")}");
    }

    private static JsonObject StepResult(StepSettings s, int threads, List<double> stepMs, List<PhaseTimes> phases, double finalLoss)
    {
        var meanStep = stepMs.Average();
        var phaseObject = new JsonObject();
        if (phases.Count > 0)
        {
            phaseObject["augment_ms"] = Round(phases.Average(p => p.AugmentMs));
            phaseObject["online_fwd_bwd_ms"] = Round(phases.Average(p => p.OnlineForwardBackwardMs));
            phaseObject["target_fwd_ms"] = Round(phases.Average(p => p.TargetForwardMs));
            phaseObject["optimizer_ms"] = Round(phases.Average(p => p.OptimizerMs));
            phaseObject["ema_ms"] = Round(phases.Average(p => p.EmaMs));
            phaseObject["step_ms"] = Round(phases.Average(p => p.StepMs));
            phaseObject["online_fwd_ms"] = Round(phases.Average(p => p.OnlineForwardMs));
            phaseObject["loss_bwd_ms"] = Round(phases.Average(p => p.LossBackwardMs));
        }
        return new JsonObject
        {
            ["implementation"] = "byol",
            ["images_per_s"] = Round(s.Batch * 1000.0 / meanStep),
            ["phases"] = phaseObject,
            ["step_ms_mean"] = Round(meanStep),
            ["step_ms_median"] = Round(Median(stepMs)),
            ["encoder"] = s.Encoder,
            ["batch"] = s.Batch,
            ["image_size"] = s.ImageSize,
            ["steps"] = s.Steps,
            ["warmup"] = s.Warmup,
            ["phase_steps"] = s.EffectivePhaseSteps,
            ["threads"] = threads,
            ["optimizer"] = s.Optimizer,
            ["projector"] = new JsonArray(s.ProjectorHidden, s.ProjectorOut),
            ["predictor_hidden"] = s.PredictorHidden,
            ["final_loss"] = double.IsFinite(finalLoss) ? Math.Round(finalLoss, 5) : null,
            ["blas"] = NativeLibraries.Describe(),
            ["torchsharp"] = typeof(TorchSharp.torch).Assembly.GetName().Version?.ToString(),
            ["dotnet"] = Environment.Version.ToString(),
        };
    }

    private static double Round(double value) => Math.Round(value, 2);

    internal static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToArray();
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private static void PrintTable(JsonObject r)
    {
        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine($"Byol BYOL step: {r["encoder"]}, batch {r["batch"]}, {r["image_size"]}x{r["image_size"]}, " +
                          $"{r["threads"]} threads, optimizer {r["optimizer"]}");
        Console.WriteLine(string.Create(inv, $"  {"images/s",-18}{(double)r["images_per_s"]!,10:F1}   (TrainingRun.TrainStep, {r["steps"]} steps)"));
        Console.WriteLine(string.Create(inv, $"  {"step ms (mean)",-18}{(double)r["step_ms_mean"]!,10:F1}"));
        foreach (var (key, value) in r["phases"]!.AsObject())
            Console.WriteLine(string.Create(inv, $"  {key,-18}{(double)value!,10:F1}"));
        Console.WriteLine($"  blas: {r["blas"]}");
    }
}
