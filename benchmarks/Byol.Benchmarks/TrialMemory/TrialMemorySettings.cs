namespace Byol.Benchmarks.TrialMemory;

/// <summary>Settings of the <c>trial-memory</c> command.</summary>
public sealed record TrialMemorySettings
{
    public int Trials { get; init; } = 50;
    public int Steps { get; init; } = 5;
    public int Batch { get; init; } = 32;
    public int Threads { get; init; } = 2;
    /// <summary>The trial whose RSS the growth is measured from (the first ones still warm up allocators and JIT).</summary>
    public int From { get; init; } = 10;
    /// <summary>Table rows: every this many trials (the JSON has every trial).</summary>
    public int PrintEvery { get; init; } = 5;
    public bool Json { get; init; }

    public const string Usage = """
        trial-memory [--trials N] [--steps S] [--batch B] [--threads T] [--from F] [--print-every P] [--json]
            N real trials (default 50) one after another on one in-process silo with one slot: each trains
            small-resnet S steps (default 5) of batch B (default 32) on the Fashion-MNIST sample, writes its
            checkpoint and is evaluated (kNN and linear probe). Prints the process RSS and managed heap after each
            trial and the RSS growth from trial F (default 10) to the last.
        """;

    public static TrialMemorySettings Parse(ReadOnlySpan<string> args)
    {
        var s = new TrialMemorySettings();
        var reader = new ArgumentReader(args);
        while (reader.Next() is { } name)
        {
            s = name switch
            {
                "--trials" => s with { Trials = reader.Int(name, min: 2) },
                "--steps" => s with { Steps = reader.Int(name, min: 1) },
                "--batch" => s with { Batch = reader.Int(name, min: 2) },
                "--threads" => s with { Threads = reader.Int(name, min: 1) },
                "--from" => s with { From = reader.Int(name, min: 1) },
                "--print-every" => s with { PrintEvery = reader.Int(name, min: 1) },
                "--json" => s with { Json = true },
                _ => throw new ArgumentException($"unknown option '{name}' for trial-memory\nusage:\n{Usage}"),
            };
        }
        if (s.From >= s.Trials)
            throw new ArgumentException($"--from ({s.From}) must be below --trials ({s.Trials})");
        return s;
    }
}
