using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Byol.Model.Networks;
using Byol.Model.Objectives;
using Byol.Model.Optimization;
using Byol.Model.Runtime;
using Byol.Model.Training;
using static TorchSharp.torch;

namespace Byol.Benchmarks;

/// <summary>
/// The <c>levers</c> command: A/B measurements of candidate speedups of the step, each against what Byol.Model does
/// now, A and B alternating round by round (the shared machine's load hits both alike), medians over the rounds:
/// <list type="bullet">
/// <item>channels_last: the bare model compute (<see cref="BareModelCompute"/>) on NCHW views vs channels_last views
/// (<see cref="ChannelsLast"/>, which TrainingRun uses on the CPU since this lever measured 17-25 % less time).</item>
/// <item>channels_last weights: the conv weights of both networks stored channels_last too (what PyTorch's
/// <c>model.to(memory_format=torch.channels_last)</c> does), bare compute.</item>
/// <item>target first: the target forward before the online forward instead of after it, bare compute on one thread
/// (no view lanes: the order is what is compared).</item>
/// <item>view lanes: the bare compute on one thread with all the intra-op threads vs two view lanes with half each
/// (<see cref="ViewLanes"/>).</item>
/// <item>fused EMA: <see cref="TargetNetworkUpdate"/> (two ops per parameter tensor) vs <see cref="FlatTargetUpdate"/>
/// (two ops over one flat buffer), on two identical network pairs; checks that both give bit-identical targets.</item>
/// <item>prefetch: a <see cref="PhasedStep"/> making its views inline vs one taking them from a
/// <see cref="ViewPrefetcher"/> thread (whole-step wall time).</item>
/// <item>split updates: the step's per-parameter work after the backward passes (zeroing gradients, the optimizer,
/// the EMA) on the training thread at its lane's intra-op thread count vs split over it and the lane thread
/// (<see cref="ViewLanes.Updates"/>), on two identical network pairs; checks that both give bit-identical parameters.</item>
/// </list>
/// </summary>
internal static class LeversCommand
{
    private const int EmaAppliesPerSample = 20;

    public static int Run(StepSettings s)
    {
        var (threads, data) = s.Prepare();
        var options = s.ToTrainingOptions(s.Warmup + s.Steps + 1, logEvery: new TrainingOptions().LogEvery);
        var levers = new JsonArray
        {
            ChannelsLastLever(s, options, data), WeightsLever(s, options, data), TargetFirstLever(s, options, data),
            ViewLanesLever(s, options, data), FusedEmaLever(s, options, data), PrefetchLever(s, options, data),
            SplitUpdatesLever(s, options, data),
        };
        var result = new JsonObject
        {
            ["command"] = "levers",
            ["encoder"] = s.Encoder,
            ["batch"] = s.Batch,
            ["image_size"] = s.ImageSize,
            ["rounds"] = s.Steps,
            ["warmup"] = s.Warmup,
            ["threads"] = threads,
            ["levers"] = levers,
        };
        if (s.Json)
            Console.WriteLine(result.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        else
            PrintTable(result);
        return 0;
    }

    private static JsonObject ChannelsLastLever(StepSettings s, TrainingOptions options, Byol.Model.Data.ImageSet data)
    {
        using var nchw = new BareModelCompute(options, data, channelsLast: false);
        using var channelsLast = new BareModelCompute(options, data, channelsLast: true);
        var (a, b) = Alternate(s, nchw.Time, channelsLast.Time);
        return Row("channels_last", "bare compute, NCHW views", "bare compute, channels_last views (TrainingRun's, on the CPU)", a, b, null);
    }

    private static JsonObject WeightsLever(StepSettings s, TrainingOptions options, Byol.Model.Data.ImageSet data)
    {
        using var inputOnly = new BareModelCompute(options, data);
        using var weightsToo = new BareModelCompute(options, data, channelsLastWeights: true);
        var (a, b) = Alternate(s, inputOnly.Time, weightsToo.Time);
        return Row("channels_last weights", "bare compute, channels_last views", "bare compute, channels_last views and conv weights", a, b, null);
    }

    private static JsonObject TargetFirstLever(StepSettings s, TrainingOptions options, Byol.Model.Data.ImageSet data)
    {
        using var onlineFirst = new BareModelCompute(options with { ViewLanes = false }, data);
        using var targetFirst = new BareModelCompute(options with { ViewLanes = false }, data, targetFirst: true);
        var (a, b) = Alternate(s, onlineFirst.Time, targetFirst.Time);
        return Row("target first", "bare compute, online forward then target", "bare compute, target forward then online", a, b, null);
    }

    private static JsonObject ViewLanesLever(StepSettings s, TrainingOptions options, Byol.Model.Data.ImageSet data)
    {
        using var oneThread = new BareModelCompute(options with { ViewLanes = false }, data);
        using var lanes = new BareModelCompute(options with { ViewLanes = true }, data);
        var (a, b) = Alternate(s, oneThread.Time, lanes.Time);
        return Row("view lanes", "bare compute, one thread with all intra-op threads", "bare compute, two view lanes with half each", a, b, null);
    }

    private static JsonObject FusedEmaLever(StepSettings s, TrainingOptions options, Byol.Model.Data.ImageSet data)
    {
        using var perTensorNetworks = ByolNetworks.Create(options.Network, data.Channels, options.Seed, CPU);
        using var flatNetworks = ByolNetworks.Create(options.Network, data.Channels, options.Seed, CPU);
        var perTensor = new TargetNetworkUpdate(perTensorNetworks.Online, perTensorNetworks.Target);
        using var flat = new FlatTargetUpdate(flatNetworks.Online, flatNetworks.Target);
        double Time(Action<double> apply)
        {
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < EmaAppliesPerSample; i++)
                apply(0.996);
            return clock.Elapsed.TotalMilliseconds / EmaAppliesPerSample;
        }
        var (a, b) = Alternate(s, () => Time(perTensor.Apply), () => Time(flat.Apply));
        var identical = perTensorNetworks.Target.parameters().Zip(flatNetworks.Target.parameters())
            .All(p => p.First.equal(p.Second).all().item<bool>());
        var count = perTensorNetworks.Target.parameters().Count();
        return Row("fused EMA", $"TargetNetworkUpdate ({count} tensors)", "FlatTargetUpdate (1 buffer)", a, b,
            identical ? "targets bit-identical" : "TARGETS DIFFER");
    }

    private static JsonObject PrefetchLever(StepSettings s, TrainingOptions options, Byol.Model.Data.ImageSet data)
    {
        using var inline = new PhasedStep(options, data);
        using var prefetched = new PhasedStep(options, data, prefetch: true);
        double Time(PhasedStep step)
        {
            var clock = Stopwatch.StartNew();
            step.Step();
            return clock.Elapsed.TotalMilliseconds;
        }
        var (a, b) = Alternate(s, () => Time(inline), () => Time(prefetched));
        return Row("prefetch views", "step, views made inline", "step, views from a producer thread", a, b, null);
    }

    private static JsonObject SplitUpdatesLever(StepSettings s, TrainingOptions options, Byol.Model.Data.ImageSet data)
    {
        using var aloneNetworks = ByolNetworks.Create(options.Network, data.Channels, options.Seed, CPU);
        using var splitNetworks = ByolNetworks.Create(options.Network, data.Channels, options.Seed, CPU);
        using var lanes = ViewLanes.TryCreate(true, splitNetworks, SelfSupervisedObjectives.Create(options.Objective, options.Temperature), CPU);
        var splitUpdates = lanes?.Updates ?? ParameterUpdates.OnCallingThread;
        using var aloneOptimizer = TrainingOptimizers.Create(options.Optimizer, aloneNetworks.TrainableParameters());
        using var splitOptimizer = TrainingOptimizers.Create(options.Optimizer, splitNetworks.TrainableParameters());
        var aloneTarget = new TargetNetworkUpdate(aloneNetworks.Online, aloneNetworks.Target);
        var splitTarget = new TargetNetworkUpdate(splitNetworks.Online, splitNetworks.Target);
        using (var scope = NewDisposeScope())
        using (var generator = new Generator((ulong)options.Seed))
        {
            var images = rand([8, data.Channels, options.ImageSize, options.ImageSize], generator: generator);
            foreach (var networks in new[] { aloneNetworks, splitNetworks })
                networks.Predictor!.call(networks.Online.call(images)).square().sum().backward();
        }
        double Time(ITrainingOptimizer optimizer, TargetNetworkUpdate target, ParameterUpdates updates)
        {
            using var threads = lanes?.OnCallingThread();
            var clock = Stopwatch.StartNew();
            optimizer.ZeroGrad(updates);
            optimizer.Step(0.1, updates);
            target.Apply(0.996, updates);
            return clock.Elapsed.TotalMilliseconds;
        }
        var (a, b) = Alternate(s, () => Time(aloneOptimizer, aloneTarget, ParameterUpdates.OnCallingThread), () => Time(splitOptimizer, splitTarget, splitUpdates));
        static IEnumerable<Tensor> All(ByolNetworks n) => n.Online.parameters().Concat(n.Predictor!.parameters()).Concat(n.Target.parameters());
        var identical = All(aloneNetworks).Zip(All(splitNetworks)).All(p => p.First.equal(p.Second).all().item<bool>());
        var note = (identical ? "parameters bit-identical" : "PARAMETERS DIFFER") + (lanes is null ? "; no view lanes here, both on one thread" : "");
        return Row("split updates", $"zero grads + {options.Optimizer.Name} + EMA, training thread", "the same split over both lanes", a, b, note);
    }

    /// <summary>W warmup rounds, then N rounds of A then B (B then A on odd rounds); the samples of each.</summary>
    private static (List<double> A, List<double> B) Alternate(StepSettings s, Func<double> a, Func<double> b)
    {
        var (samplesA, samplesB) = (new List<double>(), new List<double>());
        for (var round = 0; round < s.Warmup + s.Steps; round++)
        {
            double timeA, timeB;
            if (round % 2 == 0)
            {
                timeA = a();
                timeB = b();
            }
            else
            {
                timeB = b();
                timeA = a();
            }
            if (round < s.Warmup)
                continue;
            samplesA.Add(timeA);
            samplesB.Add(timeB);
        }
        return (samplesA, samplesB);
    }

    private static JsonObject Row(string lever, string baseline, string candidate, List<double> a, List<double> b, string? note)
    {
        var (medianA, medianB) = (StepCommand.Median(a), StepCommand.Median(b));
        JsonArray Samples(List<double> values) => new(values.Select(v => (JsonNode)Math.Round(v, 2)).ToArray());
        return new JsonObject
        {
            ["lever"] = lever,
            ["baseline"] = baseline,
            ["candidate"] = candidate,
            ["baseline_ms"] = Math.Round(medianA, 3),
            ["candidate_ms"] = Math.Round(medianB, 3),
            ["ratio"] = Math.Round(medianB / medianA, 3),
            ["baseline_runs_ms"] = Samples(a),
            ["candidate_runs_ms"] = Samples(b),
            ["note"] = note,
        };
    }

    internal static void PrintTable(JsonObject r)
    {
        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine($"Byol step levers: {r["encoder"]}, batch {r["batch"]}, {r["image_size"]}x{r["image_size"]}, {r["threads"]} threads, " +
                          $"medians of {r["rounds"]} alternating rounds after {r["warmup"]} warmup");
        Console.WriteLine(string.Create(inv, $"  {"lever",-16}{"baseline ms",13}{"candidate ms",14}{"ratio",8}  baseline -> candidate"));
        foreach (var row in r["levers"]!.AsArray())
        {
            var x = row!.AsObject();
            Console.WriteLine(string.Create(inv,
                $"  {(string)x["lever"]!,-16}{(double)x["baseline_ms"]!,13:F2}{(double)x["candidate_ms"]!,14:F2}{(double)x["ratio"]!,8:F3}  " +
                $"{x["baseline"]} -> {x["candidate"]}{(x["note"] is null ? "" : $" ({x["note"]})")}"));
        }
    }
}
