using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Byol.Model.Runtime;

namespace Byol.Benchmarks;

/// <summary>Settings of the side-by-side comparison.</summary>
public sealed record CompareSettings
{
    public StepSettings Step { get; init; } = new();
    public int Repeats { get; init; } = 3;
    public string Python { get; init; } = "/usr/bin/python3";
    public string? Script { get; init; }
    public bool Json { get; init; }

    /// <summary>Also run Byol with glibc's default heap and PyTorch with Byol's heap settings (<see cref="Byol.Model.Runtime.NativeHeap"/>).</summary>
    public bool HeapVariants { get; init; }

    /// <summary>Also run Byol with its step on one thread (<c>--view-lanes off</c>), so the table shows what the view lanes are worth.</summary>
    public bool LanesVariant { get; init; }

    public static CompareSettings Parse(ReadOnlySpan<string> args)
    {
        var c = new CompareSettings();
        var passed = new List<string>();
        var reader = new ArgumentReader(args);
        while (reader.Next() is { } name)
        {
            switch (name)
            {
                case "--repeats": c = c with { Repeats = reader.Int(name, min: 1) }; break;
                case "--python": c = c with { Python = reader.Value(name) }; break;
                case "--script": c = c with { Script = reader.Value(name) }; break;
                case "--json": c = c with { Json = true }; break;
                case "--heap-variants": c = c with { HeapVariants = true }; break;
                case "--lanes-variant": c = c with { LanesVariant = true }; break;
                case "--encoder" or "--batch" or "--steps" or "--warmup" or "--threads" or "--image-size" or "--phase-steps":
                    passed.Add(name);
                    passed.Add(reader.Value(name));
                    break;
                default: throw new ArgumentException($"unknown option '{name}' for compare");
            }
        }
        return c with { Step = StepSettings.Parse(passed.ToArray()) };
    }
}

/// <summary>
/// The <c>compare</c> command: Byol's step and the PyTorch reference (benchmarks/pytorch/byol_step.py) with the same
/// settings, alternately, each run in a fresh process, R times; the order alternates between rounds so that a slow
/// drift of the shared machine's load hits both sides alike. Prints medians as markdown. With --heap-variants each round
/// also runs Byol with glibc's default heap (BYOL_NATIVE_HEAP=default) and PyTorch with Byol's heap settings (as
/// glibc's MALLOC_*_ variables), so the table shows what the native-heap lever is worth to each side.
/// </summary>
internal static class CompareCommand
{
    private static readonly string[] PhaseKeys = ["augment_ms", "online_fwd_bwd_ms", "target_fwd_ms", "optimizer_ms", "ema_ms", "step_ms"];

    public static int Run(CompareSettings c)
    {
        var s = c.Step;
        var common = new List<string>
        {
            "--encoder", s.Encoder, "--batch", I(s.Batch), "--steps", I(s.Steps), "--warmup", I(s.Warmup),
            "--threads", I(s.Threads), "--image-size", I(s.ImageSize), "--json",
        };
        var script = c.Script ?? FindScript();
        var self = SelfCommand();
        string[] byolArgs = [.. self.Prefix, "step", .. common, "--phase-steps", I(s.EffectivePhaseSteps)];
        // Byol feeds its networks channels_last views on the CPU (Networks/ChannelsLast), so the reference does too.
        string[] torchArgs = [script, .. common, "--channels-last"];
        var contenders = new List<Contender>
        {
            new("byol", "Byol", self.File, byolArgs, []),
            new("pytorch", "PyTorch", c.Python, torchArgs, []),
        };
        if (c.HeapVariants)
        {
            contenders.Add(new("byol_glibc_default_heap", "Byol, glibc's default heap", self.File, byolArgs,
                new() { [NativeHeap.OptOutVariable] = "default" }));
            contenders.Add(new("pytorch_byol_heap", "PyTorch, Byol's heap settings", c.Python, torchArgs, new()
            {
                ["MALLOC_MMAP_THRESHOLD_"] = I(NativeHeap.MmapThresholdBytes),
                ["MALLOC_TRIM_THRESHOLD_"] = I(NativeHeap.TrimThresholdBytes),
                ["MALLOC_TOP_PAD_"] = I(NativeHeap.TopPadBytes),
            }));
        }
        if (c.LanesVariant)
            contenders.Add(new("byol_view_lanes_off", "Byol, step on one thread (--view-lanes off)", self.File, [.. byolArgs, "--view-lanes", "off"], []));
        var runs = contenders.ToDictionary(x => x.Key, _ => new List<JsonObject>());
        for (var round = 0; round < c.Repeats; round++)
        {
            // Rotate the order each round so that no contender always runs first or after the same one.
            for (var k = 0; k < contenders.Count; k++)
            {
                var x = contenders[(k + round) % contenders.Count];
                runs[x.Key].Add(RunJson(x.Key, x.File, x.Args, x.Environment));
            }
        }

        var summary = Summarize(s, runs["byol"], runs["pytorch"]);
        if (contenders.Count > 2)
            summary["variants"] = EveryContender(contenders, runs, reference: (double)summary["pytorch_images_per_s"]!);
        if (c.Json)
            Console.WriteLine(summary.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        else
            Console.Write(Markdown(summary));
        return 0;
    }

    /// <summary>Each contender's median images/s, its ratio to the reference's, median CPU per step and its runs.</summary>
    private static JsonObject EveryContender(List<Contender> contenders, Dictionary<string, List<JsonObject>> runs, double reference)
    {
        var table = new JsonObject();
        foreach (var x in contenders)
        {
            var rate = StepCommand.Median(runs[x.Key].Select(r => (double)r["images_per_s"]!).ToList());
            table[x.Key] = new JsonObject
            {
                ["label"] = x.Label,
                ["images_per_s"] = rate,
                ["vs_pytorch"] = Math.Round(rate / reference, 3),
                ["cpu_ms_per_step"] = StepCommand.Median(runs[x.Key].Select(r => (double)r["cpu_ms_per_step"]!).ToList()),
                ["runs_images_per_s"] = new JsonArray(runs[x.Key].Select(r => (JsonNode?)r["images_per_s"]!.DeepClone()).ToArray()),
            };
        }
        return table;
    }

    private static JsonObject Summarize(StepSettings s, List<JsonObject> byol, List<JsonObject> pytorch)
    {
        double Med(List<JsonObject> runs, Func<JsonObject, double> pick) => StepCommand.Median(runs.Select(pick).ToList());
        var phases = new JsonObject();
        foreach (var key in PhaseKeys)
        {
            phases[key] = new JsonObject
            {
                ["byol"] = Med(byol, r => (double)r["phases"]![key]!),
                ["pytorch"] = Med(pytorch, r => (double)r["phases"]![key]!),
            };
        }
        phases["cpu_ms_per_step"] = new JsonObject
        {
            ["byol"] = Med(byol, r => (double)r["cpu_ms_per_step"]!),
            ["pytorch"] = Med(pytorch, r => (double)r["cpu_ms_per_step"]!),
        };
        var byolRate = Med(byol, r => (double)r["images_per_s"]!);
        var torchRate = Med(pytorch, r => (double)r["images_per_s"]!);
        return new JsonObject
        {
            ["encoder"] = s.Encoder,
            ["batch"] = s.Batch,
            ["image_size"] = s.ImageSize,
            ["steps"] = s.Steps,
            ["warmup"] = s.Warmup,
            ["threads"] = s.Threads,
            ["repeats"] = byol.Count,
            ["byol_images_per_s"] = byolRate,
            ["pytorch_images_per_s"] = torchRate,
            ["ratio"] = Math.Round(byolRate / torchRate, 3),
            ["phases_median_ms"] = phases,
            ["byol_runs_images_per_s"] = new JsonArray(byol.Select(r => (JsonNode?)r["images_per_s"]!.DeepClone()).ToArray()),
            ["pytorch_runs_images_per_s"] = new JsonArray(pytorch.Select(r => (JsonNode?)r["images_per_s"]!.DeepClone()).ToArray()),
            ["byol_blas"] = byol[0]["blas"]!.DeepClone(),
            ["pytorch_blas"] = pytorch[0]["blas"]!.DeepClone(),
        };
    }

    private static string Markdown(JsonObject m)
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        var phases = m["phases_median_ms"]!.AsObject();
        string P(string key, string side) => ((double)phases[key]![side]!).ToString("F0", inv);
        sb.AppendLine(inv, $"{m["encoder"]}, batch {m["batch"]}, {m["image_size"]}x{m["image_size"]}, {m["threads"]} threads, " +
                           $"{m["steps"]} steps after {m["warmup"]} warmup, medians of {m["repeats"]} alternating runs");
        sb.AppendLine();
        sb.AppendLine("| encoder | batch | Byol img/s | PyTorch img/s | Byol / PyTorch |");
        sb.AppendLine("|---|---:|---:|---:|---:|");
        sb.AppendLine(inv, $"| {m["encoder"]} | {m["batch"]} | {(double)m["byol_images_per_s"]!:F1} | {(double)m["pytorch_images_per_s"]!:F1} | {(double)m["ratio"]!:F2} |");
        sb.AppendLine();
        sb.AppendLine("| phase (ms per step, median) | Byol | PyTorch | Byol / PyTorch |");
        sb.AppendLine("|---|---:|---:|---:|");
        foreach (var key in PhaseKeys.Append("cpu_ms_per_step"))
        {
            var b = (double)phases[key]!["byol"]!;
            var t = (double)phases[key]!["pytorch"]!;
            sb.AppendLine(inv, $"| {key} | {P(key, "byol")} | {P(key, "pytorch")} | {(t > 0 ? (b / t).ToString("F2", inv) : "-")} |");
        }
        sb.AppendLine();
        sb.AppendLine(inv, $"runs (img/s): Byol {m["byol_runs_images_per_s"]!.ToJsonString()}, PyTorch {m["pytorch_runs_images_per_s"]!.ToJsonString()}");
        if (m["variants"] is JsonObject variants)
        {
            sb.AppendLine();
            sb.AppendLine("| contender | img/s (median) | / PyTorch | CPU ms per step | runs (img/s) |");
            sb.AppendLine("|---|---:|---:|---:|---|");
            foreach (var (_, v) in variants)
                sb.AppendLine(inv, $"| {v!["label"]} | {(double)v["images_per_s"]!:F1} | {(double)v["vs_pytorch"]!:F2} | {(double)v["cpu_ms_per_step"]!:F0} | {v["runs_images_per_s"]!.ToJsonString()} |");
        }
        sb.AppendLine(inv, $"BLAS: Byol: {m["byol_blas"]}; PyTorch: {m["pytorch_blas"]}");
        return sb.ToString();
    }

    /// <summary>One side of the comparison: a program, its arguments and the environment variables it runs with.</summary>
    private sealed record Contender(string Key, string Label, string File, string[] Args, Dictionary<string, string> Environment);

    private static JsonObject RunJson(string what, string file, IEnumerable<string> args, Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = false, UseShellExecute = false };
        foreach (var a in args)
            start.ArgumentList.Add(a);
        foreach (var (name, value) in environment)
            start.Environment[name] = value;
        var envText = string.Concat(environment.Select(e => $"{e.Key}={e.Value} "));
        Console.Error.WriteLine($"[compare] {what}: {envText}{file} {string.Join(' ', start.ArgumentList)}");
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {file}");
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{what} run failed with exit code {process.ExitCode}");
        var json = JsonNode.Parse(stdout)?.AsObject() ?? throw new InvalidOperationException($"{what} printed no JSON");
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"[compare] {what}: {(double)json["images_per_s"]!:F1} img/s ({clock.Elapsed.TotalSeconds:F0} s) phases {json["phases"]!.ToJsonString()}"));
        return json;
    }

    /// <summary>This program again: its apphost, or dotnet with its dll.</summary>
    private static (string File, string[] Prefix) SelfCommand()
    {
        var path = Environment.ProcessPath ?? "dotnet";
        var dll = typeof(CompareCommand).Assembly.Location;
        return Path.GetFileNameWithoutExtension(path) == "dotnet" ? (path, [dll]) : (path, []);
    }

    /// <summary>benchmarks/pytorch/byol_step.py, looked up from the working directory and from this program's folder.</summary>
    private static string FindScript()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "benchmarks", "pytorch", "byol_step.py");
                if (File.Exists(candidate))
                    return candidate;
            }
        }
        throw new ArgumentException("benchmarks/pytorch/byol_step.py not found; pass --script");
    }

    private static string I(int value) => value.ToString(CultureInfo.InvariantCulture);
}
