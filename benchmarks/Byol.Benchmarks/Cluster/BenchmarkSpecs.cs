using Byol.Contracts.Specs;

namespace Byol.Benchmarks.Cluster;

/// <summary>
/// The sweeps the cluster benchmarks submit, as YAML through the same parser `byol sweep submit` uses, on the
/// Fashion-MNIST sample the project ships (samples/fashion-mnist-small).
/// </summary>
public static class BenchmarkSpecs
{
    /// <summary>
    /// <paramref name="trials"/> random draws of tau_base, one step each (the benchmark's no-op trainer ignores the
    /// model), ranked by kNN top-1; at most <paramref name="maxConcurrent"/> train at once.
    /// </summary>
    public static SweepSpec Orchestration(int trials, int maxConcurrent) => Parse($$"""
        name: orchestration
        data:
          train: { kind: idx, path: samples/fashion-mnist-small, split: train }
          eval:  { kind: idx, path: samples/fashion-mnist-small, split: test }
        model: { encoder: small-resnet }
        train: { steps: 1 }
        objective: { metric: knn_top1, mode: max }
        search:
          method: random
          samples: {{trials}}
          space:
            train.tau_base: { uniform: [0.9, 0.999] }
        scheduler: { name: fifo }
        max_concurrent: {{maxConcurrent}}
        resources: { accelerator: cpu }
        """);

    /// <summary>
    /// Real BYOL trials of the small encoder on 28x28 Fashion-MNIST: <paramref name="trials"/> seeds of one
    /// configuration, <paramref name="steps"/> steps of batch <paramref name="batch"/> each, a checkpoint at the end,
    /// then the real evaluation (kNN and a linear probe on a small bank); one trial at a time.
    /// </summary>
    public static SweepSpec RealTrials(int trials, int steps, int batch, int logEvery) => Parse($$"""
        name: real-trials
        data:
          train: { kind: idx, path: samples/fashion-mnist-small, split: train, limit: 2000 }
          eval:  { kind: idx, path: samples/fashion-mnist-small, split: test, limit: 500 }
        model: { encoder: small-resnet, projector: { hidden: 256, out: 64 }, predictor: { hidden: 256 } }
        train:
          steps: {{steps}}
          batch_size: {{batch}}
          image_size: 28
          optimizer: { name: sgd, base_lr: 0.2, momentum: 0.9 }
          tau_base: 0.99
          views: { both: { crop_area_min: 0.2, blur_p: 0.0, solarize_p: 0.0, grayscale_p: 0.0 } }
          checkpoint_every: {{Math.Max(1, steps)}}
          log_every: {{logEvery}}
        eval: { knn: { k: 20 }, linear_probe: { epochs: 20 }, bank_limit: 1000 }
        objective: { metric: knn_top1, mode: max }
        search:
          method: grid
          seeds: [{{string.Join(", ", Enumerable.Range(0, trials))}}]
        scheduler: { name: fifo }
        max_concurrent: 1
        resources: { accelerator: cpu }
        """);

    public static string RepoRoot { get; } = FindRepoRoot();

    private static SweepSpec Parse(string yaml)
    {
        var result = SpecParser.Parse(yaml, new SpecParseOptions { BaseDirectory = RepoRoot });
        if (!result.IsValid)
            throw new InvalidOperationException("benchmark spec is invalid:\n" + string.Join("\n", result.Errors));
        return result.Spec!;
    }

    /// <summary>The clone this program was built in (it holds samples/), else the working directory.</summary>
    private static string FindRepoRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Byol.sln")))
                    return dir.FullName;
            }
        }
        return Environment.CurrentDirectory;
    }
}
