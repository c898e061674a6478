using System.Diagnostics;
using System.Text.Json.Nodes;
using Byol.Model.Augmentations;
using static TorchSharp.torch;

namespace Byol.Benchmarks;

/// <summary>
/// Times one pair of view pipelines (view 1 and view 2 of the same batch, as a training step makes them) over repeated
/// runs, each run a number of batches; keeps images/s and process CPU ms per image of every run.
/// </summary>
internal sealed class PipelineTimer(string name, ViewOptions view1, ViewOptions view2, int imageSize, long seed) : IDisposable
{
    private readonly ViewAugmenter _augment1 = new(view1, imageSize);
    private readonly ViewAugmenter _augment2 = new(view2, imageSize);
    private readonly Generator _generator = new((ulong)seed);
    private readonly List<double> _imagesPerSecond = [];
    private readonly List<double> _cpuMsPerImage = [];

    public string Name => name;

    /// <summary>One run: <paramref name="batches"/> times both views of <paramref name="images"/>.</summary>
    public void Time(Tensor images, int batches, int batch)
    {
        if (batches == 0)
            return;
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < batches; i++)
        {
            using var scope = NewDisposeScope();
            _augment1.Apply(images, _generator);
            _augment2.Apply(images, _generator);
        }
        var seconds = clock.Elapsed.TotalSeconds;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var imagesDone = (double)batch * batches;
        _imagesPerSecond.Add(imagesDone / seconds);
        _cpuMsPerImage.Add(cpu.TotalMilliseconds / imagesDone);
    }

    /// <summary>Forgets the runs so far (the warmup).</summary>
    public void Clear()
    {
        _imagesPerSecond.Clear();
        _cpuMsPerImage.Clear();
    }

    public JsonObject Summary(int batch)
    {
        var median = StepCommand.Median(_imagesPerSecond);
        return new JsonObject
        {
            ["variant"] = name,
            ["images_per_s"] = Math.Round(median, 1),
            ["images_per_s_min"] = Math.Round(_imagesPerSecond.Min(), 1),
            ["images_per_s_max"] = Math.Round(_imagesPerSecond.Max(), 1),
            ["ms_per_batch"] = Math.Round(batch * 1000.0 / median, 2),
            ["cpu_ms_per_image"] = Math.Round(StepCommand.Median(_cpuMsPerImage), 4),
            ["runs_images_per_s"] = new JsonArray(_imagesPerSecond.Select(r => (JsonNode)Math.Round(r, 1)).ToArray()),
        };
    }

    public void Dispose() => _generator.Dispose();
}
