using System.Diagnostics;
using System.Globalization;
using Byol.Model.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Byol.Benchmarks;

/// <summary>
/// The <c>micro</c> command: single ops at the shapes of the BYOL step (batch 512 = two views of 256), forward and
/// backward, median ms over repeats. benchmarks/pytorch/micro.py times the same ops, so a gap in a phase of the step
/// can be traced to an op (BLAS matmul of the 4096-wide MLP, oneDNN convolution, batch norm).
/// </summary>
internal static class MicroCommand
{
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
        var a = randn(512, 4096);
        var b = randn(4096, 256);
        yield return ("matmul 512x4096 @ 4096x256", () => a.matmul(b));
        var linear = nn.Linear(256, 4096);
        var x = randn(512, 256, requires_grad: true);
        yield return ("linear 256->4096 fwd+bwd (512)", () => linear.call(x).sum().backward());
        var bn1 = nn.BatchNorm1d(4096);
        var h = randn(512, 4096, requires_grad: true);
        yield return ("batchnorm1d 4096 fwd+bwd (512)", () => bn1.call(h).sum().backward());
        foreach (var (c, size) in new[] { (16, 32), (64, 32), (128, 16), (256, 8) })
        {
            var conv = nn.Conv2d(c, c, 3, padding: 1, bias: false);
            var bn = nn.BatchNorm2d(c);
            var input = randn(new long[] { 512, c, size, size }, requires_grad: true);
            yield return ($"conv3x3 {c}ch {size}x{size} fwd (512)", () => { using var _ = no_grad(); conv.call(input); });
            yield return ($"conv3x3 {c}ch {size}x{size} fwd+bwd (512)", () => conv.call(input).sum().backward());
            yield return ($"batchnorm2d {c}ch {size}x{size} fwd+bwd (512)", () => bn.call(input).sum().backward());
        }
    }
}
