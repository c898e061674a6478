using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Byol.Grains.Checkpoints;
using Byol.Model.Data;
using Byol.Model.Runtime;
using Byol.Model.Training;

namespace Byol.Benchmarks;

/// <summary>Settings of the <c>checkpoint</c> command.</summary>
public sealed record CheckpointSettings
{
    public StepSettings Step { get; init; } = new() { Batch = 64, Steps = 400 };
    public int Every { get; init; } = 100;
    /// <summary>Report interval = throughput window; must divide <see cref="Every"/>; default half of it.</summary>
    public int LogEvery { get; init; } = 50;
    public int Repeats { get; init; } = 2;
    /// <summary>Where the store writes; default a fresh folder under the temp directory, removed afterwards.</summary>
    public string? Directory { get; init; }

    public static CheckpointSettings Parse(ReadOnlySpan<string> args)
    {
        var c = new CheckpointSettings();
        int? logEvery = null;
        var passed = new List<string> { "--batch", "64", "--steps", "400" };
        var reader = new ArgumentReader(args);
        while (reader.Next() is { } name)
        {
            switch (name)
            {
                case "--every": c = c with { Every = reader.Int(name, min: 1) }; break;
                case "--log-every": logEvery = reader.Int(name, min: 1); break;
                case "--repeats": c = c with { Repeats = reader.Int(name, min: 1) }; break;
                case "--directory": c = c with { Directory = reader.Value(name) }; break;
                case "--json": passed.Add(name); break;
                case "--phase-steps" or "--warmup": throw new ArgumentException($"{name} does not apply to checkpoint");
                default: passed.Add(name); passed.Add(reader.Value(name)); break;
            }
        }
        c = c with { Step = StepSettings.Parse(passed.ToArray()), LogEvery = logEvery ?? (c.Every % 2 == 0 ? c.Every / 2 : c.Every) };
        if (c.Every % c.LogEvery != 0)
            throw new ArgumentException($"--log-every ({c.LogEvery}) must divide --every ({c.Every})");
        if (c.Step.Steps < 2 * c.Every)
            throw new ArgumentException($"--steps ({c.Step.Steps}) must be at least 2 x --every ({c.Every}): the first window is warmup");
        return c;
    }
}

/// <summary>
/// The <c>checkpoint</c> command: what a checkpoint every E steps costs training, each segment run as a trainer grain
/// runs it (<see cref="CheckpointedSegment"/>: TrainingSession, serialization on the training thread, the write on the
/// session's upload task into a local <see cref="FileSystemCheckpointStore"/>). The headline is paired in time: with
/// reports every E/2 steps (the default) a checkpointed run's windows alternate between holding a checkpoint and not,
/// and each checkpoint period (a window with one and the window after it) is set against twice its window without; the
/// median over all periods of all rounds is the cost (target &lt;= 3 %), which a drift of the shared machine between
/// runs does not touch. Runs with no checkpoint alternate with the checkpointed ones (R rounds, order flipping) for a
/// second, unpaired figure. It also times the two halves of one checkpoint directly: <see cref="TrainingRun.Save"/>
/// (what the training thread pays) and the store's write (what the upload task pays), and estimates the cost from the former.
/// </summary>
internal static class CheckpointCommand
{
    public const double TargetCostPercent = 3;

    public static int Run(CheckpointSettings c)
    {
        var s = c.Step;
        var (threads, data) = s.Prepare();
        var options = s.ToTrainingOptions(s.Steps, c.LogEvery);
        var root = c.Directory ?? Path.Combine(Path.GetTempPath(), $"byol-checkpoint-bench-{Environment.ProcessId}");
        var without = new List<double>();
        var with = new List<double>();
        var periodCosts = new List<double>();
        SegmentResult? withCheckpoints = null;
        var halves = TimeHalves(options, data, Path.Combine(root, "halves"));
        try
        {
            for (var round = 0; round < c.Repeats; round++)
            {
                foreach (var checkpoints in round % 2 == 0 ? new[] { false, true } : [true, false])
                {
                    var trial = $"r{round}-{(checkpoints ? "every" : "none")}";
                    var segment = CheckpointedSegment.Run(options, data, checkpoints ? c.Every : 0, root, trial);
                    (checkpoints ? with : without).Add(segment.ImagesPerSecond);
                    if (checkpoints)
                    {
                        withCheckpoints = segment;
                        periodCosts.AddRange(segment.PeriodCostsPercent);
                    }
                    Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                            $"round {round}: {(checkpoints ? $"checkpoint every {c.Every}" : "no checkpoint")}: {segment.ImagesPerSecond:F1} img/s " +
                            $"({segment.CheckpointsInWindows} checkpoints in the timed windows, {segment.CheckpointsStored} stored)"));
                }
            }
        }
        finally
        {
            if (c.Directory is null && Directory.Exists(root))
                Directory.Delete(root, recursive: true);
        }

        var result = Result(c, threads, without, with, periodCosts, withCheckpoints!, halves);
        if (s.Json)
            Console.WriteLine(result.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        else
            PrintTable(result);
        return 0;
    }

    /// <summary>Median ms of TrainingRun.Save into memory, and of the store's write of those bytes, over 3 checkpoints.</summary>
    private static (double SerializeMs, double WriteMs, long Bytes) TimeHalves(TrainingOptions options, ImageSet data, string directory)
    {
        using var run = new TrainingRun(options, data);
        run.TrainStep();
        var store = new FileSystemCheckpointStore(directory);
        var serialize = new List<double>();
        var write = new List<double>();
        byte[] payload = [];
        for (var i = 0; i < 3; i++)
        {
            var clock = Stopwatch.StartNew();
            using (var buffer = new MemoryStream())
            {
                run.Save(buffer);
                payload = buffer.ToArray();
            }
            serialize.Add(clock.Elapsed.TotalMilliseconds);
            clock.Restart();
            store.WriteAsync("benchmark", "halves", i + 1, fence: 1, payload, CancellationToken.None).GetAwaiter().GetResult();
            write.Add(clock.Elapsed.TotalMilliseconds);
        }
        return (StepCommand.Median(serialize), StepCommand.Median(write), payload.LongLength);
    }

    private static JsonObject Result(CheckpointSettings c, int threads, List<double> without, List<double> with, List<double> periodCosts, SegmentResult withCheckpoints,
        (double SerializeMs, double WriteMs, long Bytes) halves)
    {
        var s = c.Step;
        var none = StepCommand.Median(without);
        var every = StepCommand.Median(with);
        var separateRunsCost = 100 * (1 - (every / none));
        var periodCost = periodCosts.Count > 0 ? StepCommand.Median(periodCosts) : double.NaN;
        var sorted = periodCosts.Order().ToList();
        double Quantile(double q) => sorted.Count == 0 ? double.NaN : sorted[(int)Math.Round(q * (sorted.Count - 1))];
        var stepMs = s.Batch * 1000.0 / none;
        var estimated = 100 * halves.SerializeMs / ((c.Every * stepMs) + halves.SerializeMs);
        JsonArray Runs(List<double> values) => new(values.Select(v => (JsonNode)Math.Round(v, 2)).ToArray());
        return new JsonObject
        {
            ["command"] = "checkpoint",
            ["cost_percent"] = double.IsFinite(periodCost) ? Math.Round(periodCost, 2) : null,
            ["cost_percent_p25_p75"] = new JsonArray(Math.Round(Quantile(0.25), 2), Math.Round(Quantile(0.75), 2)),
            ["checkpoint_periods"] = periodCosts.Count,
            ["target_percent"] = TargetCostPercent,
            ["meets_target"] = double.IsFinite(periodCost) && periodCost <= TargetCostPercent,
            ["period_costs_percent"] = Runs(periodCosts),
            ["images_per_s_without"] = Math.Round(none, 2),
            ["images_per_s_with"] = Math.Round(every, 2),
            ["separate_runs_cost_percent"] = Math.Round(separateRunsCost, 2),
            ["serialize_ms"] = Math.Round(halves.SerializeMs, 1),
            ["store_write_ms"] = Math.Round(halves.WriteMs, 1),
            ["checkpoint_mib"] = Math.Round(halves.Bytes / 1048576.0, 2),
            ["estimated_cost_percent"] = Math.Round(estimated, 2),
            ["checkpoints_in_timed_windows"] = withCheckpoints.CheckpointsInWindows,
            ["runs_without"] = Runs(without),
            ["runs_with"] = Runs(with),
            ["encoder"] = s.Encoder,
            ["batch"] = s.Batch,
            ["steps"] = s.Steps,
            ["every"] = c.Every,
            ["log_every"] = c.LogEvery,
            ["repeats"] = c.Repeats,
            ["threads"] = threads,
        };
    }

    internal static void PrintTable(JsonObject r)
    {
        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine($"Byol checkpoint cost: {r["encoder"]}, batch {r["batch"]}, {r["steps"]} steps per segment (the first {r["log_every"]} are warmup), " +
                          $"{r["threads"]} threads, medians of {r["repeats"]} alternating rounds");
        Console.WriteLine(string.Create(inv, $"  {"no checkpoint",-40}{(double)r["images_per_s_without"]!,10:F1} img/s   runs {r["runs_without"]!.ToJsonString()}"));
        Console.WriteLine(string.Create(inv, $"  {$"checkpoint every {r["every"]} steps",-40}{(double)r["images_per_s_with"]!,10:F1} img/s   runs {r["runs_with"]!.ToJsonString()}"));
        Console.WriteLine(string.Create(inv, $"  {"cost, separate runs",-40}{(double)r["separate_runs_cost_percent"]!,10:F2} %"));
        if (r["cost_percent"] is { } cost)
            Console.WriteLine(string.Create(inv,
                $"  {"cost per checkpoint period (median)",-40}{(double)cost,10:F2} %       p25..p75 {r["cost_percent_p25_p75"]!.ToJsonString()} over {r["checkpoint_periods"]} periods; " +
                $"target <= {(double)r["target_percent"]!:F0} %: {((bool)r["meets_target"]! ? "met" : "NOT met")}"));
        Console.WriteLine(string.Create(inv, $"  {"one checkpoint",-40}{(double)r["checkpoint_mib"]!,10:F1} MiB"));
        Console.WriteLine(string.Create(inv, $"  {"  serialize (training thread)",-40}{(double)r["serialize_ms"]!,10:F1} ms"));
        Console.WriteLine(string.Create(inv, $"  {"  store write (upload task)",-40}{(double)r["store_write_ms"]!,10:F1} ms"));
        Console.WriteLine(string.Create(inv, $"  {"cost estimated from serialize time",-40}{(double)r["estimated_cost_percent"]!,10:F2} %"));
    }
}
