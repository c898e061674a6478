using Byol.Contracts.Specs;

namespace Byol.Grains.Tests.Cluster;

/// <summary>Sweeps small enough for a cluster test: the small encoder on the shipped Fashion-MNIST sample.</summary>
internal static class TinySpecs
{
    public static string RepoRoot { get; } = FindRepoRoot();

    public static SweepSpec Parse(string yaml)
    {
        var result = SpecParser.Parse(yaml, new SpecParseOptions { BaseDirectory = RepoRoot });
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        return result.Spec!;
    }

    /// <summary>A grid of <paramref name="taus"/> x 2 learning rates.</summary>
    public static SweepSpec Grid(int steps, int checkpointEvery, string taus = "[0.99, 0.996]", int maxConcurrent = 4,
        string accelerator = "any", int batch = 16, string scheduler = "{ name: fifo }") => Parse($$"""
        name: tiny
        data:
          train: { kind: idx, path: samples/fashion-mnist-small, split: train, limit: 1000 }
          eval:  { kind: idx, path: samples/fashion-mnist-small, split: test, limit: 300 }
        model: { encoder: small-resnet, projector: { hidden: 64, out: 32 }, predictor: { hidden: 64 } }
        train:
          steps: {{steps}}
          batch_size: {{batch}}
          image_size: 28
          optimizer: { name: sgd, base_lr: 0.2, momentum: 0.9 }
          views: { both: { crop_area_min: 0.2, blur_p: 0.0, solarize_p: 0.0, grayscale_p: 0.0 } }
          checkpoint_every: {{checkpointEvery}}
          log_every: 2
        eval: { knn: { k: 10 }, linear_probe: { epochs: 30 }, bank_limit: 500 }
        search:
          method: grid
          space:
            train.tau_base: {{taus}}
            train.optimizer.base_lr: [0.1, 0.2]
        scheduler: {{scheduler}}
        max_concurrent: {{maxConcurrent}}
        resources: { accelerator: {{accelerator}} }
        """);

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Byol.sln")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Byol.sln not found above " + AppContext.BaseDirectory);
    }
}
