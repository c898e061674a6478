namespace Byol.Client.Tests.Cluster;

/// <summary>Spec files small enough for a test: the small encoder on the Fashion-MNIST sample the project ships.</summary>
public static class TestSpecs
{
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string Sample => Path.Combine(RepoRoot, "samples", "fashion-mnist-small");

    /// <summary>Two trials (tau_base 0.99 and 0.996) of <paramref name="steps"/> steps.</summary>
    public static string Tiny(int steps = 8, int maxConcurrent = 2) => $$"""
        name: client-tiny
        data:
          train: { kind: idx, path: {{Sample}}, split: train, limit: 400 }
          eval:  { kind: idx, path: {{Sample}}, split: test, limit: 200 }
        model: { encoder: small-resnet, projector: { hidden: 32, out: 16 }, predictor: { hidden: 32 } }
        train:
          steps: {{steps}}
          batch_size: 16
          image_size: 28
          optimizer: { name: sgd, base_lr: 0.1, momentum: 0.9 }
          views: { both: { crop_area_min: 0.2, blur_p: 0.0, solarize_p: 0.0, grayscale_p: 0.0 } }
          checkpoint_every: {{Math.Max(1, steps / 2)}}
          log_every: 2
        eval: { knn: { k: 10 }, linear_probe: { epochs: 10 }, bank_limit: 200 }
        objective: { metric: knn_top1, mode: max }
        search:
          method: grid
          space:
            train.tau_base: [0.99, 0.996]
        max_concurrent: {{maxConcurrent}}
        resources: { accelerator: any }
        """;

    /// <summary><see cref="Tiny"/> with a <c>paper:</c> block: Table 5(a)'s figures for its two tau_base values.</summary>
    public static string TinyWithPaper() => Tiny() + """

        paper:
          source: Grill et al. 2020, Table 5(a)
          claim: A target updated slowly works best.
          setting: ImageNet linear top-1 %, ResNet-50, 300 epochs
          metric: knn_top1
          rows:
            - { label: tau 0.99, match: { train.tau_base: 0.99 }, value: 72.1 }
            - { label: tau 0.996, match: { train.tau_base: 0.996 }, value: 72.5 }
        """;

    /// <summary>Three mistakes, each at its own YAML path: an unknown encoder, a negative step count, a bad metric.</summary>
    public static string ThreeErrors => Tiny()
        .Replace("encoder: small-resnet", "encoder: resnet9000", StringComparison.Ordinal)
        .Replace("steps: 8", "steps: -5", StringComparison.Ordinal)
        .Replace("metric: knn_top1", "metric: accuracy", StringComparison.Ordinal);

    public static string Write(string yaml)
    {
        var path = Path.Combine(Path.GetTempPath(), $"byol-spec-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, yaml);
        return path;
    }

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Byol.sln")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Byol.sln not found above " + AppContext.BaseDirectory);
    }
}
