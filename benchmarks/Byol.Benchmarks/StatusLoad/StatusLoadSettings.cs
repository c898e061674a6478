namespace Byol.Benchmarks.StatusLoad;

/// <summary>Settings of the <c>status-load</c> command.</summary>
public sealed record StatusLoadSettings
{
    public int Qps { get; init; } = 100;
    /// <summary>Measured time in all, split into alternating phases without and with the query load.</summary>
    public int Seconds { get; init; } = 120;
    public int PhaseSeconds { get; init; } = 5;
    /// <summary>Training with the query load on, before the first phase (after the sweep's baselines are done).</summary>
    public int WarmupSeconds { get; init; } = 10;
    public int Batch { get; init; } = 32;
    /// <summary>libtorch intra-op threads of the training slot (the silo's Silo:ThreadsPerSlot).</summary>
    public int Threads { get; init; } = 2;
    /// <summary>The silo's apphost; default: src/Byol.Silo's output next to this program's.</summary>
    public string? Silo { get; init; }
    /// <summary>More `Key=Value` settings for the silo (e.g. Dashboard:Enabled=false).</summary>
    public IReadOnlyList<string> SiloSettings { get; init; } = [];
    /// <summary>Environment variables for the silo process (e.g. DOTNET_ThreadPool_UnfairSemaphoreSpinLimit=70).</summary>
    public IReadOnlyDictionary<string, string> SiloEnvironment { get; init; } = new Dictionary<string, string>();
    public bool Json { get; init; }

    public int Phases => Math.Max(2, Seconds / PhaseSeconds / 2 * 2);

    public const string Usage = """
        status-load [--qps Q] [--seconds S] [--phase-s P] [--warmup-s W] [--batch B] [--threads T]
                    [--silo PATH] [--silo-setting Key=Value]... [--silo-env NAME=VALUE]... [--json]
            The shipped silo (src/Byol.Silo's build output, default next to this program's) runs in a process of its
            own with one CPU slot of T libtorch threads (default 2) and trains one real BYOL trial (small-resnet,
            28x28 Fashion-MNIST sample, batch B, default 32). This process is its client, over the silo's TCP
            gateway as `byol` connects, and calls IExperimentGrain.Show (`sweep show`) Q times a second (default
            100) in every other phase of P seconds (default 5; S seconds in all, default 120, after W seconds of
            warmup with the queries on, default 10, so that the JIT has settled on both sides). Each phase spans whole steps (the trainer's step counter, polled at its ends).
            Prints the slowdown (median over loaded phases of each against the unloaded phases next to it), the
            query rate and Show's latency, and then, with the trial stopped, the silo's and this client's CPU time
            and context switches per query.
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
                "--silo" => s with { Silo = reader.Value(name) },
                "--silo-setting" => s with { SiloSettings = [.. s.SiloSettings, KeyValue(name, reader.Value(name)).Whole] },
                "--silo-env" => s with { SiloEnvironment = WithVariable(s.SiloEnvironment, KeyValue(name, reader.Value(name))) },
                "--json" => s with { Json = true },
                _ => throw new ArgumentException($"unknown option '{name}' for status-load\nusage:\n{Usage}"),
            };
        }
        return s;
    }

    private static (string Key, string Value, string Whole) KeyValue(string option, string text)
    {
        var at = text.IndexOf('=');
        if (at <= 0)
            throw new ArgumentException($"{option} takes KEY=VALUE, not '{text}'");
        return (text[..at], text[(at + 1)..], text);
    }

    private static Dictionary<string, string> WithVariable(IReadOnlyDictionary<string, string> variables, (string Key, string Value, string Whole) variable) =>
        new(variables) { [variable.Key] = variable.Value };
}
