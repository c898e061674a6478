using Byol.Contracts.Specs;

namespace Byol.Contracts.Tests;

/// <summary>Spec texts the tests share.</summary>
internal static class Specs
{
    /// <summary>The example of DESIGN.md, "Sweep spec (YAML)", verbatim.</summary>
    public const string DesignExample = """
        name: tau-ablation
        data:
          train: { kind: idx, path: /usr/share/datasets/fashion-mnist, split: train }
          eval:  { kind: idx, path: /usr/share/datasets/fashion-mnist, split: test }
        model:  { encoder: resnet18-cifar, projector: { hidden: 4096, out: 256 }, predictor: { hidden: 4096 } }
        train:
          steps: 2000
          batch_size: 256
          optimizer: { name: lars, base_lr: 0.2, weight_decay: 1.5e-6, warmup_steps: 100 }
          tau_base: 0.996
          views: paper            # or view1/view2 blocks that override single fields
          checkpoint_every: 200
        eval:   { knn: { k: 200 }, linear_probe: { epochs: 50 } }
        objective: { metric: linear_top1, mode: max }
        search:
          method: grid            # grid | random
          samples: 8              # random only
          seeds: [0, 1]
          space:
            train.tau_base: [0.0, 0.9, 0.99, 0.996, 1.0]
            train.optimizer.base_lr: { loguniform: [0.05, 1.0] }
        scheduler: { name: fifo } # fifo | asha (grace_steps, reduction_factor)
        max_concurrent: 4
        resources: { accelerator: any, slots: 1 }   # any | cuda | cpu
        """;

    /// <summary>The least a valid spec says: a name and the two data sources.</summary>
    public const string Minimal = """
        name: minimal
        data:
          train: { kind: idx, path: /data/fmnist, split: train }
          eval: { kind: idx, path: /data/fmnist, split: test }

        """;

    public static SpecParseOptions NoPathCheck { get; } = new() { CheckPaths = false };

    /// <summary>The repository's <c>sweeps/&lt;folder&gt;</c>, found above the test binaries.</summary>
    public static string SweepsFolder(string folder)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !Directory.Exists(Path.Combine(directory.FullName, "sweeps", folder)))
        {
            directory = directory.Parent;
        }

        return Path.Combine(directory?.FullName ?? throw new DirectoryNotFoundException($"sweeps/{folder} not found above {AppContext.BaseDirectory}"), "sweeps", folder);
    }

    /// <summary>The minimal spec followed by <paramref name="body"/>.</summary>
    public static string With(string body) => Minimal + body;

    public static SweepSpec Valid(string yaml)
    {
        var result = SpecParser.Parse(yaml, NoPathCheck);
        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Errors));
        return result.Spec!;
    }

    public static IReadOnlyList<SpecError> Invalid(string yaml, SpecParseOptions? options = null)
    {
        var result = SpecParser.Parse(yaml, options ?? NoPathCheck);
        Assert.False(result.IsValid);
        Assert.Null(result.Spec);
        Assert.NotEmpty(result.Errors);
        return result.Errors;
    }
}
