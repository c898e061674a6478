namespace Byol.Benchmarks.Orchestration;

/// <summary>Settings of the <c>orchestration</c> command.</summary>
public sealed record OrchestrationSettings
{
    public int Trials { get; init; } = 1000;
    public int Silos { get; init; } = 3;
    public int SlotsPerSilo { get; init; } = 4;
    /// <summary>How long each no-op training session holds its slot; 0 = it ends at once.</summary>
    public int TrialMs { get; init; }
    /// <summary>The sweep's max_concurrent; 0 = every slot of the cluster.</summary>
    public int MaxConcurrent { get; init; }
    /// <summary>Trials of a first, unmeasured sweep (JIT, first activations, file-storage folders).</summary>
    public int WarmupTrials { get; init; } = 30;
    public int TimeoutSeconds { get; init; } = 1200;
    public bool Json { get; init; }

    public int TotalSlots => Silos * SlotsPerSilo;
    public int EffectiveMaxConcurrent => MaxConcurrent > 0 ? MaxConcurrent : TotalSlots;

    public const string Usage = """
        orchestration [--trials N] [--silos S] [--slots K] [--trial-ms D] [--max-concurrent M] [--warmup-trials W]
                      [--timeout-s T] [--json]
            A sweep of N no-op trials (default 1000) through the real experiment grain, slot directory, placement,
            trainer and evaluator grains, on S in-process silos (default 3) with K CPU slots each (default 4). The
            silos' training sessions and scorers are replaced (through DI) by ones that do no work: a session holds
            its slot D ms (default 0). Prints wall time, ideal time (N x D / (S x K)), overhead per trial, the
            slot-freed-to-next-start latency and the experiment grain's persisted bytes per finished trial.
        """;

    public static OrchestrationSettings Parse(ReadOnlySpan<string> args)
    {
        var s = new OrchestrationSettings();
        var reader = new ArgumentReader(args);
        while (reader.Next() is { } name)
        {
            s = name switch
            {
                "--trials" => s with { Trials = reader.Int(name, min: 1) },
                "--silos" => s with { Silos = reader.Int(name, min: 1) },
                "--slots" => s with { SlotsPerSilo = reader.Int(name, min: 1) },
                "--trial-ms" => s with { TrialMs = reader.Int(name, min: 0) },
                "--max-concurrent" => s with { MaxConcurrent = reader.Int(name, min: 1) },
                "--warmup-trials" => s with { WarmupTrials = reader.Int(name, min: 0) },
                "--timeout-s" => s with { TimeoutSeconds = reader.Int(name, min: 1) },
                "--json" => s with { Json = true },
                _ => throw new ArgumentException($"unknown option '{name}' for orchestration\nusage:\n{Usage}"),
            };
        }
        return s;
    }
}
