using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Byol.Model.Runtime;
using Byol.Model.Training;

namespace Byol.Benchmarks;

/// <summary>Settings of the <c>overhead</c> command: a step benchmark's settings plus the reporting interval.</summary>
public sealed record OverheadSettings
{
    public StepSettings Step { get; init; } = new() { Steps = 10 };
    /// <summary>Steps between read-backs of the loss (TrainingOptions.LogEvery; its default).</summary>
    public int LogEvery { get; init; } = new TrainingOptions().LogEvery;

    public static OverheadSettings Parse(ReadOnlySpan<string> args)
    {
        var logEvery = new TrainingOptions().LogEvery;
        var passed = new List<string>();
        var reader = new ArgumentReader(args);
        while (reader.Next() is { } name)
        {
            if (name == "--log-every")
                logEvery = reader.Int(name, min: 1);
            else if (name == "--json")
                passed.Add(name);
            else
            {
                passed.Add(name);
                passed.Add(reader.Value(name));
            }
        }
        var step = StepSettings.Parse(["--steps", "10", .. passed]);
        return new OverheadSettings { Step = step, LogEvery = logEvery };
    }
}

/// <summary>
/// The <c>overhead</c> command: what a training step costs beyond its model compute. Three things are timed in
/// alternation, one of each per round, taking turns at going first, so the shared machine's load hits them alike: a full step
/// (<see cref="TrainingRun.TrainStep"/>, reporting every LogEvery steps as a trial does), the bare model compute
/// (<see cref="BareModelCompute"/>: online forward+backward and target forward of two pre-made views), and a
/// <see cref="PhasedStep"/> for the breakdown. Prints median full step / median bare compute (target &lt;= 1.10).
/// </summary>
internal static class OverheadCommand
{
    public const double TargetRatio = 1.10;

    public static int Run(OverheadSettings o)
    {
        var s = o.Step;
        var (threads, data) = s.Prepare();
        var options = s.ToTrainingOptions(s.Warmup + s.Steps, o.LogEvery);

        var full = new List<double>();
        var bare = new List<double>();
        var phases = new List<PhaseTimes>();
        using (var run = new TrainingRun(options, data))
        using (var compute = new BareModelCompute(options, data))
        using (var phased = new PhasedStep(options, data))
        {
            for (var i = 0; i < s.Warmup + s.Steps; i++)
            {
                // The three take turns at going first (round i starts with the (i mod 3)-th), so none always runs on
                // caches the others left cold.
                double fullMs = 0, bareMs = 0;
                PhaseTimes phaseTimes = default;
                for (var k = 0; k < 3; k++)
                {
                    switch ((i + k) % 3)
                    {
                        case 0:
                            var clock = Stopwatch.StartNew();
                            run.TrainStep();
                            fullMs = clock.Elapsed.TotalMilliseconds;
                            break;
                        case 1:
                            bareMs = compute.Time();
                            break;
                        default:
                            phaseTimes = phased.Step();
                            break;
                    }
                }
                if (i >= s.Warmup)
                {
                    full.Add(fullMs);
                    bare.Add(bareMs);
                    phases.Add(phaseTimes);
                }
                if (Environment.GetEnvironmentVariable("BYOL_BENCH_VERBOSE") == "1")
                    Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"round {i}: full {fullMs:F1} ms, bare {bareMs:F1} ms, phased {phaseTimes.StepMs:F1} ms"));
            }
        }

        var result = Result(o, threads, full, bare, phases);
        if (s.Json)
            Console.WriteLine(result.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        else
            PrintTable(result);
        return 0;
    }

    private static JsonObject Result(OverheadSettings o, int threads, List<double> full, List<double> bare, List<PhaseTimes> phases)
    {
        var s = o.Step;
        double Med(Func<PhaseTimes, double> pick) => Math.Round(StepCommand.Median(phases.Select(pick).ToList()), 2);
        // The same ratio from the phased step alone: all its phases over its model-compute phases (one object, so the
        // load of the shared machine moves numerator and denominator together).
        var phasedRatio = StepCommand.Median(phases.Select(p => (p.StepMs + p.MetricsMs) / (p.OnlineForwardMs + p.TargetForwardMs + p.LossMs + p.BackwardMs)).ToList());
        var fullMs = StepCommand.Median(full);
        var bareMs = StepCommand.Median(bare);
        var ratio = fullMs / bareMs;
        var breakdown = new JsonObject
        {
            ["data_ms"] = Med(p => p.DataMs),
            ["augmentation_ms"] = Med(p => p.ViewsMs),
            ["online_forward_ms"] = Med(p => p.OnlineForwardMs),
            ["target_forward_ms"] = Med(p => p.TargetForwardMs),
            ["loss_ms"] = Med(p => p.LossMs),
            ["backward_ms"] = Med(p => p.BackwardMs),
            ["optimizer_ms"] = Med(p => p.ZeroGradMs + p.OptimizerMs),
            ["ema_ms"] = Med(p => p.EmaMs),
            ["metrics_ms"] = Med(p => p.MetricsMs),
        };
        return new JsonObject
        {
            ["command"] = "overhead",
            ["full_step_ms"] = Math.Round(fullMs, 2),
            ["bare_compute_ms"] = Math.Round(bareMs, 2),
            ["ratio"] = Math.Round(ratio, 3),
            ["phased_ratio"] = Math.Round(phasedRatio, 3),
            ["target_ratio"] = TargetRatio,
            ["meets_target"] = ratio <= TargetRatio,
            ["images_per_s"] = Math.Round(s.Batch * 1000.0 / fullMs, 2),
            ["bare_images_per_s"] = Math.Round(s.Batch * 1000.0 / bareMs, 2),
            ["breakdown_ms"] = breakdown,
            ["full_runs_ms"] = new JsonArray(full.Select(v => (JsonNode)Math.Round(v, 1)).ToArray()),
            ["bare_runs_ms"] = new JsonArray(bare.Select(v => (JsonNode)Math.Round(v, 1)).ToArray()),
            ["encoder"] = s.Encoder,
            ["batch"] = s.Batch,
            ["image_size"] = s.ImageSize,
            ["steps"] = s.Steps,
            ["warmup"] = s.Warmup,
            ["log_every"] = o.LogEvery,
            ["threads"] = threads,
            ["optimizer"] = s.Optimizer,
        };
    }

    internal static void PrintTable(JsonObject r)
    {
        var inv = CultureInfo.InvariantCulture;
        var full = (double)r["full_step_ms"]!;
        Console.WriteLine($"Byol step overhead: {r["encoder"]}, batch {r["batch"]}, {r["image_size"]}x{r["image_size"]}, {r["threads"]} threads, " +
                          $"optimizer {r["optimizer"]}, medians of {r["steps"]} rounds after {r["warmup"]} warmup");
        Console.WriteLine(string.Create(inv, $"  {"full step (TrainStep)",-38}{full,10:F1} ms   {(double)r["images_per_s"]!,8:F1} img/s"));
        Console.WriteLine(string.Create(inv, $"  {"bare model compute",-38}{(double)r["bare_compute_ms"]!,10:F1} ms   {(double)r["bare_images_per_s"]!,8:F1} img/s"));
        Console.WriteLine(string.Create(inv,
            $"  {"full / bare",-38}{(double)r["ratio"]!,10:F3}      target <= {(double)r["target_ratio"]!:F2}: {((bool)r["meets_target"]! ? "met" : "NOT met")}"));
        Console.WriteLine(string.Create(inv, $"  {"phased: all phases / model phases",-38}{(double)r["phased_ratio"]!,10:F3}"));
        Console.WriteLine("  breakdown (PhasedStep, median ms per step, % of the sum of these medians):");
        var labels = new Dictionary<string, string>
        {
            ["data_ms"] = "data (batch to uint8 tensor)",
            ["augmentation_ms"] = "augmentation (2 views + normalize)",
            ["online_forward_ms"] = "online forward (2 views)",
            ["target_forward_ms"] = "target forward (2 views)",
            ["loss_ms"] = "loss",
            ["backward_ms"] = "backward",
            ["optimizer_ms"] = "optimizer (zero_grad + step)",
            ["ema_ms"] = "EMA",
            ["metrics_ms"] = $"metrics (read-back / {r["log_every"]})",
        };
        var sum = r["breakdown_ms"]!.AsObject().Sum(p => (double)p.Value!);
        foreach (var (key, value) in r["breakdown_ms"]!.AsObject())
        {
            var ms = (double)value!;
            Console.WriteLine(string.Create(inv, $"    {labels[key],-36}{ms,10:F2} ms {100 * ms / sum,6:F1} %"));
        }
        Console.WriteLine(string.Create(inv, $"    {"sum",-36}{sum,10:F2} ms"));
    }
}
