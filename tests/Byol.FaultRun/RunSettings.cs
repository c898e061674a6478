namespace Byol.FaultRun;

/// <summary>The fault run's inputs: `--silo-dll PATH --work DIR --repo DIR [--byol-dll PATH] [--steps N] [--checkpoint-every N] [--outage-seconds N]`.</summary>
public sealed record RunSettings
{
    public required string SiloDll { get; init; }
    public required string WorkDirectory { get; init; }
    public required string RepoRoot { get; init; }
    /// <summary>The `byol` CLI (byol.dll); without it the sweep is submitted through this program's own Orleans client.</summary>
    public string? ByolDll { get; init; }
    public int Steps { get; init; } = 120;
    public int CheckpointEvery { get; init; } = 10;
    public int OutageSeconds { get; init; } = 30;
    public string ClusterId { get; init; } = "faultrun-" + Guid.NewGuid().ToString("N")[..6];
    public string PidFile => Path.Combine(WorkDirectory, "pids");

    public static RunSettings Parse(string[] args)
    {
        string? Value(string name)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        }
        int Number(string name, int fallback) => Value(name) is { } v ? int.Parse(v) : fallback;
        var settings = new RunSettings
        {
            SiloDll = Path.GetFullPath(Value("--silo-dll") ?? throw new ArgumentException("--silo-dll PATH is required")),
            WorkDirectory = Path.GetFullPath(Value("--work") ?? throw new ArgumentException("--work DIR is required")),
            RepoRoot = Path.GetFullPath(Value("--repo") ?? "."),
            ByolDll = Value("--byol-dll") is { } byol ? Path.GetFullPath(byol) : null,
        };
        return settings with
        {
            Steps = Number("--steps", settings.Steps),
            CheckpointEvery = Number("--checkpoint-every", settings.CheckpointEvery),
            OutageSeconds = Number("--outage-seconds", settings.OutageSeconds),
        };
    }

    /// <summary>8 trials (2 taus x 2 learning rates x 2 seeds) of the small encoder on the shipped sample, one slot each.</summary>
    private string Sample => Path.Combine(RepoRoot, "samples", "fashion-mnist-small");

    public string SpecYaml => $$"""
        name: fault-run
        data:
          train: { kind: idx, path: {{Sample}}, split: train, limit: 1000 }
          eval:  { kind: idx, path: {{Sample}}, split: test, limit: 300 }
        model: { encoder: small-resnet, projector: { hidden: 64, out: 32 }, predictor: { hidden: 64 } }
        train:
          steps: {{Steps}}
          batch_size: 16
          image_size: 28
          optimizer: { name: sgd, base_lr: 0.2, momentum: 0.9 }
          views: { both: { crop_area_min: 0.2, blur_p: 0.0, solarize_p: 0.0, grayscale_p: 0.0 } }
          checkpoint_every: {{CheckpointEvery}}
          log_every: 2
        eval: { knn: { k: 10 }, linear_probe: { epochs: 10 }, bank_limit: 300 }
        search:
          method: grid
          seeds: [0, 1]
          space:
            train.tau_base: [0.99, 0.996]
            train.optimizer.base_lr: [0.1, 0.2]
        scheduler: { name: fifo }
        max_concurrent: 8
        resources: { accelerator: cpu }
        """;
}
