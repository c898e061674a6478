namespace Byol.Benchmarks.StatusLoad;

/// <summary>Settings of the <c>status-load</c> command.</summary>
public sealed record StatusLoadSettings
{
    public int Qps { get; init; } = 100;
    /// <summary>Measured time in all, split into alternating phases without and with the query load.</summary>
    public int Seconds { get; init; } = 60;
    public int PhaseSeconds { get; init; } = 10;
    /// <summary>Training before the first phase (after the sweep's baselines are done).</summary>
    public int WarmupSeconds { get; init; } = 10;
    public int Batch { get; init; } = 32;
    /// <summary>libtorch intra-op threads of the training slot (the silo's Silo:ThreadsPerSlot).</summary>
    public int Threads { get; init; } = 2;
    public bool Json { get; init; }

    public int Phases => Math.Max(2, Seconds / PhaseSeconds / 2 * 2);

    public const string Usage = """
        status-load [--qps Q] [--seconds S] [--phase-s P] [--warmup-s W] [--batch B] [--threads T] [--json]
            One real BYOL trial (small-resnet, 28x28 Fashion-MNIST sample, batch B, default 32) trains on an
            in-process silo with one slot (T libtorch threads, default 2), while a cluster client calls
            IExperimentGrain.Show (`sweep show`) Q times a second (default 100) in every other phase of P seconds
            (default 10; S seconds in all, default 60, after W seconds of warmup, default 10). Training throughput of
            each phase comes from the trainer's own step counter (ITrainerGrain.Status) at the phase's ends. Prints
            images/s without and with the load, the slowdown, the query rate achieved and Show's latency p50/p99.
        """;

    public static StatusLoadSettings Parse(ReadOnlySpan<string> args)
    {
        var s = new StatusLoadSettings();
        var reader = new ArgumentReader(args);
        while (reader.Next() is { } name)
        {
            s = name switch
            {
                "--qps" => s with { Qps = reader.Int(name, min: 1) },
                "--seconds" => s with { Seconds = reader.Int(name, min: 2) },
                "--phase-s" => s with { PhaseSeconds = reader.Int(name, min: 1) },
                "--warmup-s" => s with { WarmupSeconds = reader.Int(name, min: 0) },
                "--batch" => s with { Batch = reader.Int(name, min: 2) },
                "--threads" => s with { Threads = reader.Int(name, min: 1) },
                "--json" => s with { Json = true },
                _ => throw new ArgumentException($"unknown option '{name}' for status-load\nusage:\n{Usage}"),
            };
        }
        return s;
    }
}
