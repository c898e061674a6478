using System.Diagnostics;
using Byol.Model.Augmentations;
using TorchSharp;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace Byol.Model.Tests.Augmentations;

/// <summary>Prints the two-view throughput; asserts only on the output, never on time.</summary>
public sealed class ThroughputTests(ITestOutputHelper output)
{
    [Fact]
    public void Two_paper_views_of_a_256_batch_of_32px_images()
    {
        const int Batch = 256, Iterations = 10;
        using var scope = torch.NewDisposeScope();
        var images = torch.randint(0, 256, [Batch, 3, 32, 32], dtype: ScalarType.Byte, generator: new Generator(1));
        var view1 = new ViewAugmenter(ViewOptions.PaperView1, 32);
        var view2 = new ViewAugmenter(ViewOptions.PaperView2, 32);
        var generator = new Generator(0);
        for (var i = 0; i < 2; i++)
        {
            view1.Apply(images, generator).Dispose();
            view2.Apply(images, generator).Dispose();
        }

        var clock = Stopwatch.StartNew();
        for (var i = 0; i < Iterations; i++)
        {
            using var a = view1.Apply(images, generator);
            using var b = view2.Apply(images, generator);
            Assert.Equal(a.shape, b.shape);
        }

        clock.Stop();
        var perSecond = Batch * Iterations / clock.Elapsed.TotalSeconds;
        output.WriteLine($"augment throughput: {perSecond:F0} images/s (two views each, {Batch}x3x32x32 uint8, " +
            $"{torch.get_num_threads()} torch threads, {clock.Elapsed.TotalMilliseconds / Iterations:F1} ms per batch)");
    }
}
