using System.Diagnostics;
using System.Globalization;
using Byol.Model.Networks;
using Byol.Model.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Byol.Benchmarks;

/// <summary>
/// The <c>micro</c> command: single ops as the BYOL step runs them, median ms over repeats. One view's batch (256);
/// feature maps channels_last as <c>TrainStep</c> feeds them (weights as Byol keeps them); every backward takes a
/// fixed dense gradient of the output's shape, as the layer after it hands back (a <c>sum().backward()</c> would
/// hand back a broadcast one, which sends batch norm's backward down a path 10x slower than the step's).
/// benchmarks/pytorch/micro.py times the same ops, so a gap in a phase of the step can be traced to an op.
/// </summary>
internal static class MicroCommand
{
    private const int Batch = 256;

    public static int Run(ReadOnlySpan<string> args)
    {
        var threads = 2;
        var repeats = 10;
        var reader = new ArgumentReader(args);
        while (reader.Next() is { } name)
        {
            switch (name)
            {
                case "--threads": threads = reader.Int(name, 1); break;
                case "--repeats": repeats = reader.Int(name, 1); break;
                default: throw new ArgumentException($"unknown option '{name}' for micro");
            }
        }
        TorchRuntime.ConfigureThreads(threads);
        manual_seed(0);
        var inv = CultureInfo.InvariantCulture;
        foreach (var (label, action) in Cases())
        {
            var times = new List<double>();
            for (var i = 0; i < repeats + 2; i++)
            {
                using var scope = NewDisposeScope();
                var clock = Stopwatch.StartNew();
                action();
                if (i >= 2)
                    times.Add(clock.Elapsed.TotalMilliseconds);
            }
            Console.WriteLine(string.Create(inv, $"{label,-44} {StepCommand.Median(times),9:F2} ms"));
        }
        return 0;
    }

    private static IEnumerable<(string, Action)> Cases()
    {
        var a = randn(Batch, 4096);
        var b = randn(4096, 256);
        yield return ($"matmul {Batch}x4096 @ 4096x256", () => a.matmul(b));
        foreach (var (inputs, outputs) in new[] { (64, 4096), (512, 4096), (4096, 256), (256, 4096) })
        {
            var linear = nn.Linear(inputs, outputs);
            var x = randn(Batch, inputs, requires_grad: true);
            var grad = randn(Batch, outputs);
            yield return ($"linear {inputs}->{outputs} fwd+bwd", () => linear.call(x).backward([grad]));
        }
        var bn1 = nn.BatchNorm1d(4096);
        var h = randn(Batch, 4096, requires_grad: true);
        var hGrad = randn(Batch, 4096);
        yield return ("batchnorm1d 4096 fwd+bwd", () => bn1.call(h).backward([hGrad]));
        foreach (var (c, size) in new[] { (16, 32), (32, 16), (64, 8), (64, 32), (128, 16), (256, 8), (512, 4) })
        {
            var conv = nn.Conv2d(c, c, 3, padding: 1, bias: false);
            var bn = nn.BatchNorm2d(c);
            var input = ChannelsLast.Convert(randn(Batch, c, size, size)).requires_grad_(true);
            var grad = ChannelsLast.Convert(randn(Batch, c, size, size));
            yield return ($"conv3x3 {c}ch {size}x{size} fwd", () => { using var _ = no_grad(); conv.call(input); });
            yield return ($"conv3x3 {c}ch {size}x{size} fwd+bwd", () => conv.call(input).backward([grad]));
            yield return ($"batchnorm2d {c}ch {size}x{size} fwd+bwd", () => bn.call(input).backward([grad]));
        }
    }
}
