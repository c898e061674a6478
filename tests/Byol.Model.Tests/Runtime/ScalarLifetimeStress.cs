using System.Diagnostics;
using Byol.Model.Augmentations;
using Byol.Model.Data;
using Byol.Model.Evaluation;
using Byol.Model.Networks;
using Byol.Model.Optimization;
using Byol.Model.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Byol.Model.Tests.Runtime;

/// <summary>
/// What the child process of <see cref="ScalarLifetimeTests"/> runs: Byol.Model's training steps (both views'
/// augmentation, the networks in training mode, both objectives, the three optimizers, the target's EMA, the collapse
/// metric), the colour jitter's whole-batch path and the evaluators, in a loop, while another thread collects garbage
/// and runs finalizers without pause. A TorchSharp Scalar finalized while the op reading it still runs
/// (dotnet/TorchSharp#1434) shows up as a libtorch error ("Unknown scalar type", a failed assert in c10/core/Scalar.h)
/// or a crash. The loop itself passes no number where TorchSharp takes a Scalar.
/// </summary>
internal static class ScalarLifetimeStress
{
    public const string Command = "scalar-lifetime-stress";

    private const int Batch = 8, Size = 16, Classes = 3;

    /// <summary>How long a loop still short of its steps may run on a busy machine.</summary>
    private static readonly TimeSpan LongestRun = TimeSpan.FromSeconds(60);

    private static readonly Scalar ByteMax = 255.ToScalar(); // the loop keeps its own Scalars alive too

    /// <summary>
    /// Runs the loop for <paramref name="duration"/> and at least <paramref name="steps"/> steps (within
    /// <see cref="LongestRun"/>); prints the counts, then each failure; returns 0 when nothing failed.
    /// </summary>
    public static int Run(TimeSpan duration, long steps, TextWriter output)
    {
        torch.set_num_threads(1);
        var stop = false;
        long collections = 0;
        var collector = new Thread(() =>
        {
            while (!Volatile.Read(ref stop))
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                Interlocked.Increment(ref collections);
            }
        }) { IsBackground = true };

        using var workload = new Workload();
        var failures = new Dictionary<string, int>();
        long iterations = 0;
        var clock = Stopwatch.StartNew();
        collector.Start();
        while (clock.Elapsed < duration || (iterations < steps && clock.Elapsed < LongestRun))
        {
            try
            {
                workload.Step(iterations);
            }
            catch (Exception e)
            {
                var message = e.Message.Split('\n')[0].Trim();
                failures[message] = failures.GetValueOrDefault(message) + 1;
            }

            iterations++;
        }

        Volatile.Write(ref stop, true);
        collector.Join();
        output.WriteLine($"iterations {iterations} collections {Interlocked.Read(ref collections)} failures {failures.Values.Sum()}");
        foreach (var (message, count) in failures)
        {
            output.WriteLine($"{count} x {message}");
        }

        return failures.Count == 0 ? 0 : 1;
    }

    /// <summary>Three small training runs (one per optimizer, both objectives), taken a step in turn, and the evaluators.</summary>
    private sealed class Workload : IDisposable
    {
        private readonly Generator generator = new(17);
        private readonly TrainingRun[] runs;
        private readonly ColorJitter jitter = new(ViewOptions.PaperView1 with { JitterProbability = 1 });
        private readonly ImageSet data;
        private readonly Tensor labels;

        public Workload()
        {
            using var pixels = torch.randint(0, 256, [4 * Batch, 3, Size + 4, Size + 4], dtype: ScalarType.Byte, generator: generator);
            data = ImageSet.FromPixels(pixels.bytes, 4 * Batch, 3, Size + 4, Size + 4, Enumerable.Range(0, 4 * Batch).Select(i => i % Classes).ToArray());
            labels = FeatureExtractor.Labels(data);
            var views = ViewOptions.PaperView2 with { JitterProbability = 1, BlurProbability = 1, SolarizeProbability = 1, GrayscaleProbability = 0.5 };
            runs = [Run("lars", "byol"), Run("sgd", "simclr"), Run("adamw", "byol")];

            TrainingRun Run(string optimizer, string objective) => new(
                new TrainingOptions
                {
                    Network = new NetworkOptions { Encoder = "small-resnet", ProjectorHidden = 32, ProjectorOut = 16, PredictorHidden = 32 },
                    Optimizer = new OptimizerOptions { Name = optimizer, WeightDecay = 1e-4, WarmupSteps = 10 },
                    Objective = objective,
                    Steps = 1_000_000,
                    BatchSize = Batch,
                    ImageSize = Size,
                    View1 = views,
                    View2 = views,
                    LogEvery = 5,
                },
                data);
        }

        public void Step(long iteration)
        {
            var run = runs[iteration % runs.Length];
            run.TrainStep();

            using var scope = torch.NewDisposeScope();
            var images = data.ToTensor([.. Enumerable.Range(0, Batch)]);
            var floats = images.to_type(ScalarType.Float32).div(ByteMax);
            ColorJitter.ApplyBySlots(floats, jitter.Plan(UniformDraws.Draw(generator, Batch, ColorJitter.Columns), 0, 3));
            if (iteration % 5 == 0)
            {
                var features = FeatureExtractor.Extract(run.Networks.Online.Encoder, data, Size, run.Normalization, CPU);
                KnnClassifier.Top1(features, labels, features, labels, Classes, k: 3);
                LinearProbe.Evaluate(features, labels, features, labels, Classes, new LinearProbeOptions { MaxEpochs = 3 });
            }
        }

        public void Dispose()
        {
            foreach (var run in runs)
            {
                run.Dispose();
            }

            labels.Dispose();
            generator.Dispose();
        }
    }
}
