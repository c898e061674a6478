using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Byol.Model.Augmentations;
using Byol.Model.Runtime;
using static TorchSharp.torch;

namespace Byol.Benchmarks;

/// <summary>Settings of the <c>augment</c> command.</summary>
public sealed record AugmentSettings
{
    public int Batch { get; init; } = 256;
    public int ImageSize { get; init; } = 32;
    public int Threads { get; init; } = 2;
    /// <summary>Timed runs; the figure is their median.</summary>
    public int Runs { get; init; } = 7;
    /// <summary>Batches (of two views each) per run.</summary>
    public int Iterations { get; init; } = 10;
    public int Warmup { get; init; } = 3;
    /// <summary>Also time the pipeline with one stage switched off at a time, to show where its time goes.</summary>
    public bool Ablate { get; init; }
    public long Seed { get; init; }
    public bool Json { get; init; }

    public static AugmentSettings Parse(ReadOnlySpan<string> args)
    {
        var s = new AugmentSettings();
        var reader = new ArgumentReader(args);
        while (reader.Next() is { } name)
        {
            s = name switch
            {
                "--batch" => s with { Batch = reader.Int(name, min: 1) },
                "--image-size" => s with { ImageSize = reader.Int(name, min: 8) },
                "--threads" => s with { Threads = reader.Int(name, min: 1) },
                "--runs" => s with { Runs = reader.Int(name, min: 1) },
                "--iterations" => s with { Iterations = reader.Int(name, min: 1) },
                "--warmup" => s with { Warmup = reader.Int(name, min: 0) },
                "--ablate" => s with { Ablate = true },
                "--seed" => s with { Seed = reader.Int(name, min: 0) },
                "--json" => s with { Json = true },
                _ => throw new ArgumentException($"unknown option '{name}' for augment"),
            };
        }
        return s;
    }
}

/// <summary>
/// The <c>augment</c> command: the per-image view pipeline of Byol.Model.Augmentations alone. Each iteration makes the
/// paper's two views (Table 6, view 1 and view 2, <see cref="ViewAugmenter.Apply"/>) of one uint8 batch of random
/// images, as the training step does; images/s counts source images (two views each). A run times
/// <c>--iterations</c> batches; the figure is the median over <c>--runs</c> runs. With <c>--ablate</c> the same is
/// timed with one stage switched off at a time (its probability set to 0), so the difference is that stage's cost.
/// </summary>
internal static class AugmentCommand
{
    public const double TargetImagesPerSecond = 5000;

    public static int Run(AugmentSettings s)
    {
        var threads = TorchRuntime.ConfigureThreads(s.Threads);
        using var images = randint(0, 256, [s.Batch, 3, s.ImageSize, s.ImageSize], dtype: ScalarType.Byte, generator: new Generator((ulong)s.Seed + 1));
        var variants = new List<(string Name, ViewOptions View1, ViewOptions View2)> { ("paper views", ViewOptions.PaperView1, ViewOptions.PaperView2) };
        if (s.Ablate)
            variants.AddRange(Ablations());

        // Runs are interleaved across the variants, so a change of the shared machine's load hits all of them alike.
        var timers = variants.Select(v => new PipelineTimer(v.Name, v.View1, v.View2, s.ImageSize, s.Seed)).ToList();
        foreach (var timer in timers)
            timer.Time(images, s.Warmup, s.Batch);
        foreach (var timer in timers)
            timer.Clear();
        for (var run = 0; run < s.Runs; run++)
            foreach (var timer in timers)
                timer.Time(images, s.Iterations, s.Batch);
        var rows = new JsonArray(timers.Select(t => (JsonNode)t.Summary(s.Batch)).ToArray());
        foreach (var timer in timers)
            timer.Dispose();

        var full = rows[0]!.AsObject();
        var result = new JsonObject
        {
            ["command"] = "augment",
            ["images_per_s"] = full["images_per_s"]!.DeepClone(),
            ["target_images_per_s"] = TargetImagesPerSecond,
            ["meets_target"] = (double)full["images_per_s"]! >= TargetImagesPerSecond,
            ["batch"] = s.Batch,
            ["image_size"] = s.ImageSize,
            ["threads"] = threads,
            ["runs"] = s.Runs,
            ["iterations"] = s.Iterations,
            ["variants"] = rows,
        };
        if (s.Json)
            Console.WriteLine(result.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        else
            PrintTable(result);
        return 0;
    }

    /// <summary>The paper views with one stage off (both views alike), and with every optional stage off.</summary>
    private static IEnumerable<(string, ViewOptions, ViewOptions)> Ablations()
    {
        var v1 = ViewOptions.PaperView1;
        var v2 = ViewOptions.PaperView2;
        yield return ("no colour jitter", v1 with { JitterProbability = 0 }, v2 with { JitterProbability = 0 });
        yield return ("jitter without hue", v1 with { Hue = 0 }, v2 with { Hue = 0 });
        yield return ("no grayscale", v1 with { GrayscaleProbability = 0 }, v2 with { GrayscaleProbability = 0 });
        yield return ("no blur", v1 with { BlurProbability = 0 }, v2 with { BlurProbability = 0 });
        yield return ("no solarize", v1 with { SolarizeProbability = 0 }, v2 with { SolarizeProbability = 0 });
        yield return ("bilinear resize", v1 with { Interpolation = "bilinear" }, v2 with { Interpolation = "bilinear" });
        ViewOptions CropOnly(ViewOptions v) => v with { JitterProbability = 0, GrayscaleProbability = 0, BlurProbability = 0, SolarizeProbability = 0 };
        yield return ("crop + flip only", CropOnly(v1), CropOnly(v2));
    }

    internal static void PrintTable(JsonObject r)
    {
        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine($"Byol augmentation: two views per image, batch {r["batch"]}, {r["image_size"]}x{r["image_size"]} uint8, " +
                          $"{r["threads"]} threads, median of {r["runs"]} runs x {r["iterations"]} batches");
        Console.WriteLine(string.Create(inv, $"  {"variant",-20}{"img/s",10}{"min",10}{"max",10}{"ms/batch",10}{"cpu ms/img",12}"));
        foreach (var row in r["variants"]!.AsArray())
        {
            var v = row!.AsObject();
            Console.WriteLine(string.Create(inv,
                $"  {(string)v["variant"]!,-20}{(double)v["images_per_s"]!,10:F0}{(double)v["images_per_s_min"]!,10:F0}" +
                $"{(double)v["images_per_s_max"]!,10:F0}{(double)v["ms_per_batch"]!,10:F1}{(double)v["cpu_ms_per_image"]!,12:F3}"));
        }
        Console.WriteLine(string.Create(inv,
            $"  target >= {(double)r["target_images_per_s"]!:F0} img/s: {((bool)r["meets_target"]! ? "met" : "NOT met")}"));
    }
}
