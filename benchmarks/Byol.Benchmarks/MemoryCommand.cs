using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Byol.Model.Runtime;
using Byol.Model.Training;

namespace Byol.Benchmarks;

/// <summary>Settings of the <c>memory</c> command.</summary>
public sealed record MemorySettings
{
    public StepSettings Step { get; init; } = new() { Batch = 32, Steps = 2000 };
    /// <summary>Steps between samples; the first sample, the baseline, is taken at this step.</summary>
    public int Every { get; init; } = 200;
    public int LogEvery { get; init; } = new TrainingOptions().LogEvery;

    public static MemorySettings Parse(ReadOnlySpan<string> args)
    {
        var every = 200;
        var logEvery = new TrainingOptions().LogEvery;
        var passed = new List<string> { "--batch", "32", "--steps", "2000" };
        var reader = new ArgumentReader(args);
        while (reader.Next() is { } name)
        {
            switch (name)
            {
                case "--every": every = reader.Int(name, min: 1); break;
                case "--log-every": logEvery = reader.Int(name, min: 1); break;
                case "--json": passed.Add(name); break;
                case "--phase-steps" or "--warmup": throw new ArgumentException($"{name} does not apply to memory");
                default: passed.Add(name); passed.Add(reader.Value(name)); break;
            }
        }
        var step = StepSettings.Parse(passed.ToArray());
        if (step.Steps < every)
            throw new ArgumentException($"--steps ({step.Steps}) must be at least --every ({every})");
        return new MemorySettings { Step = step, Every = every, LogEvery = logEvery };
    }
}

/// <summary>
/// The <c>memory</c> command: the real training loop (<see cref="TrainingRun.TrainStep"/>, reporting every LogEvery
/// steps, on the calling thread as a trial's thread runs it) for N steps, sampling the process's resident set and
/// TorchSharp's dispose-scope statistics every E steps from step E on. Step E is the baseline (allocator pools and the
/// JIT have settled by then); the figure is the change of the resident set from step E to step N (target within ±3 %),
/// and the live tensor count, which a leak of tensors makes grow.
/// </summary>
internal static class MemoryCommand
{
    public const double TargetChangePercent = 3;

    public static int Run(MemorySettings m)
    {
        var s = m.Step;
        var (threads, data) = s.Prepare();
        var options = s.ToTrainingOptions(s.Steps, m.LogEvery);
        var samples = new List<MemorySample> { MemorySample.Take(0, 0) };
        var clock = Stopwatch.StartNew();
        using (var run = new TrainingRun(options, data))
        {
            while (!run.IsFinished)
            {
                run.TrainStep();
                if (run.Step % m.Every == 0 || run.IsFinished)
                {
                    var sample = MemorySample.Take(run.Step, clock.Elapsed.TotalSeconds);
                    samples.Add(sample);
                    Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                            $"step {sample.Step}: RSS {sample.ResidentKiB / 1024.0:F1} MiB (anonymous {sample.ResidentAnonymousKiB / 1024.0:F1}), " +
                            $"heap in use {sample.NativeHeap?.InUseBytes / 1048576.0:F1} free {sample.NativeHeap?.FreeBytes / 1048576.0:F1} MiB, " +
                            $"GC committed {sample.ManagedCommittedBytes / 1048576.0:F1} MiB, live tensors {sample.LiveTensors} ({sample.Seconds:F0} s)"));
                }
            }
        }

        var result = Result(m, threads, samples);
        if (s.Json)
            Console.WriteLine(result.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        else
            PrintTable(result);
        return 0;
    }

    private static JsonObject Result(MemorySettings m, int threads, List<MemorySample> samples)
    {
        var s = m.Step;
        var baseline = samples.First(x => x.Step >= m.Every);
        var last = samples[^1];
        var change = 100.0 * (last.ResidentKiB - baseline.ResidentKiB) / baseline.ResidentKiB;
        JsonNode Row(MemorySample x) => new JsonObject
        {
            ["step"] = x.Step,
            ["seconds"] = Math.Round(x.Seconds, 1),
            ["rss_mib"] = Math.Round(x.ResidentKiB / 1024.0, 1),
            ["rss_anonymous_mib"] = Math.Round(x.ResidentAnonymousKiB / 1024.0, 1),
            ["managed_mib"] = Math.Round(x.ManagedBytes / 1048576.0, 1),
            ["managed_committed_mib"] = Mib(x.ManagedCommittedBytes),
            ["native_arena_mib"] = Mib(x.NativeHeap?.ArenaBytes),
            ["native_in_use_mib"] = Mib(x.NativeHeap?.InUseBytes),
            ["native_free_mib"] = Mib(x.NativeHeap?.FreeBytes),
            ["native_mmapped_mib"] = Mib(x.NativeHeap?.MmappedBytes),
            ["live_tensors"] = x.LiveTensors,
            ["created_in_scope"] = x.CreatedInScope,
            ["disposed_in_scope"] = x.DisposedInScope,
            ["created_outside_scope"] = x.CreatedOutsideScope,
            ["disposed_outside_scope"] = x.DisposedOutsideScope,
            ["attached_to_scope"] = x.AttachedToScope,
            ["detached_from_scope"] = x.DetachedFromScope,
        };
        return new JsonObject
        {
            ["command"] = "memory",
            ["baseline_step"] = baseline.Step,
            ["last_step"] = last.Step,
            ["rss_change_percent"] = Math.Round(change, 2),
            ["target_percent"] = TargetChangePercent,
            ["meets_target"] = Math.Abs(change) <= TargetChangePercent,
            ["live_tensor_change"] = last.LiveTensors - baseline.LiveTensors,
            ["images_per_s"] = Math.Round((last.Step - baseline.Step) * (double)s.Batch / Math.Max(last.Seconds - baseline.Seconds, 1e-9), 1),
            ["encoder"] = s.Encoder,
            ["batch"] = s.Batch,
            ["steps"] = s.Steps,
            ["every"] = m.Every,
            ["log_every"] = m.LogEvery,
            ["threads"] = threads,
            ["samples"] = new JsonArray(samples.Select(Row).ToArray()),
        };
    }

    private static JsonNode? Mib(long? bytes) => bytes is { } b ? Math.Round(b / 1048576.0, 1) : null;

    private static string Cell(JsonNode? mib) => mib is null ? "-" : ((double)mib).ToString("F1", CultureInfo.InvariantCulture);

    internal static void PrintTable(JsonObject r)
    {
        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine($"Byol training-loop memory: {r["encoder"]}, batch {r["batch"]}, {r["steps"]} steps, {r["threads"]} threads, " +
                          $"sampled every {r["every"]} steps (step 0 = before the run is built)");
        Console.WriteLine(string.Create(inv,
            $"  {"step",6}{"s",8}{"RSS MiB",9}{"anon",7}{"managed",9}{"GC comm.",9}{"heap use",9}{"free",7}{"mmap",7}{"live",6}" +
            $"{"in-scope created",18}{"disposed",10}{"outside created",17}{"disposed",10}{"attached",10}{"detached",10}"));
        foreach (var row in r["samples"]!.AsArray())
        {
            var x = row!.AsObject();
            Console.WriteLine(string.Create(inv,
                $"  {(long)x["step"]!,6}{(double)x["seconds"]!,8:F1}{(double)x["rss_mib"]!,9:F1}{(double)x["rss_anonymous_mib"]!,7:F1}" +
                $"{(double)x["managed_mib"]!,9:F1}{(double)x["managed_committed_mib"]!,9:F1}{Cell(x["native_in_use_mib"]),9}" +
                $"{Cell(x["native_free_mib"]),7}{Cell(x["native_mmapped_mib"]),7}{(long)x["live_tensors"]!,6}" +
                $"{(long)x["created_in_scope"]!,18}{(long)x["disposed_in_scope"]!,10}{(long)x["created_outside_scope"]!,17}" +
                $"{(long)x["disposed_outside_scope"]!,10}{(long)x["attached_to_scope"]!,10}{(long)x["detached_from_scope"]!,10}"));
        }
        Console.WriteLine(string.Create(inv,
            $"  RSS change step {r["baseline_step"]} -> {r["last_step"]}: {(double)r["rss_change_percent"]!:+0.00;-0.00} %   " +
            $"target within ±{(double)r["target_percent"]!:F0} %: {((bool)r["meets_target"]! ? "met" : "NOT met")}; " +
            $"live tensors {(long)r["live_tensor_change"]!:+0;-0;0}; {(double)r["images_per_s"]!:F1} img/s"));
    }
}
