using Byol.Model.Networks;
using Byol.Model.Optimization;
using Byol.Model.Training;

namespace Byol.Benchmarks;

/// <summary>Settings of one step benchmark; defaults are the paper's BYOL shapes (projector and predictor 4096/256, LARS).</summary>
public sealed record StepSettings
{
    public string Encoder { get; init; } = "small-resnet";
    public int Batch { get; init; } = 256;
    public int Steps { get; init; } = 20;
    public int Warmup { get; init; } = 3;
    /// <summary>Steps of the phase-timed loop (after its own warmup); 0 skips it, -1 means <see cref="Steps"/>.</summary>
    public int PhaseSteps { get; init; } = -1;
    public int Threads { get; init; } = 2;
    public int ImageSize { get; init; } = 32;
    public string Optimizer { get; init; } = "lars";
    public int ProjectorHidden { get; init; } = 4096;
    public int ProjectorOut { get; init; } = 256;
    public int PredictorHidden { get; init; } = 4096;
    public long Seed { get; init; }
    /// <summary>TrainingOptions.ViewLanes: the two views' halves of the step on two threads at once (CPU, >= 2 threads).</summary>
    public bool ViewLanes { get; init; } = true;
    public bool Json { get; init; }

    public int EffectivePhaseSteps => PhaseSteps < 0 ? Steps : PhaseSteps;

    /// <summary>The run these settings describe, <paramref name="steps"/> long, reporting every <paramref name="logEvery"/> steps.</summary>
    public TrainingOptions ToTrainingOptions(long steps, int logEvery) => new()
    {
        Network = new NetworkOptions
        {
            Encoder = Encoder,
            ProjectorHidden = ProjectorHidden,
            ProjectorOut = ProjectorOut,
            PredictorHidden = PredictorHidden,
        },
        Optimizer = new OptimizerOptions { Name = Optimizer },
        Steps = steps,
        BatchSize = Batch,
        ImageSize = ImageSize,
        LogEvery = logEvery,
        Seed = Seed,
        ViewLanes = ViewLanes,
    };

    /// <summary>Rejects an encoder name Byol does not know.</summary>
    public void CheckEncoder()
    {
        if (!ResNetArchitecture.KnownNames.Contains(Encoder))
            throw new ArgumentException($"unknown encoder '{Encoder}' (expected one of {string.Join(", ", ResNetArchitecture.KnownNames)})");
    }

    /// <summary>
    /// What every step-shaped command does first: checks the encoder, sets libtorch's intra-op threads (returning the
    /// count it got) and makes the synthetic batch the steps draw from.
    /// </summary>
    public (int Threads, Byol.Model.Data.ImageSet Data) Prepare()
    {
        CheckEncoder();
        var threads = Byol.Model.Runtime.TorchRuntime.ConfigureThreads(Threads);
        return (threads, SyntheticData.RandomImages(Batch, ImageSize, Seed));
    }

    public static StepSettings Parse(ReadOnlySpan<string> args)
    {
        var s = new StepSettings();
        var reader = new ArgumentReader(args);
        while (reader.Next() is { } name)
        {
            s = name switch
            {
                "--encoder" => s with { Encoder = reader.Value(name) },
                "--batch" => s with { Batch = reader.Int(name, min: 2) },
                "--steps" => s with { Steps = reader.Int(name, min: 1) },
                "--warmup" => s with { Warmup = reader.Int(name, min: 0) },
                "--phase-steps" => s with { PhaseSteps = reader.Int(name, min: 0) },
                "--threads" => s with { Threads = reader.Int(name, min: 1) },
                "--image-size" => s with { ImageSize = reader.Int(name, min: 8) },
                "--optimizer" => s with { Optimizer = reader.Value(name) },
                "--projector-hidden" => s with { ProjectorHidden = reader.Int(name, min: 1) },
                "--projector-out" => s with { ProjectorOut = reader.Int(name, min: 1) },
                "--predictor-hidden" => s with { PredictorHidden = reader.Int(name, min: 1) },
                "--seed" => s with { Seed = reader.Int(name, min: 0) },
                "--view-lanes" => s with { ViewLanes = reader.Value(name) switch { "on" => true, "off" => false, var v => throw new ArgumentException($"--view-lanes takes on or off, not '{v}'") } },
                "--json" => s with { Json = true },
                _ => throw new ArgumentException($"unknown option '{name}' for step"),
            };
        }
        return s;
    }
}

/// <summary>Reads "--name value" pairs and flags in order.</summary>
internal ref struct ArgumentReader(ReadOnlySpan<string> args)
{
    private readonly ReadOnlySpan<string> _args = args;
    private int _next;

    public string? Next() => _next < _args.Length ? _args[_next++] : null;

    public string Value(string name)
    {
        if (_next >= _args.Length)
            throw new ArgumentException($"{name} needs a value");
        return _args[_next++];
    }

    public int Int(string name, int min)
    {
        var text = Value(name);
        if (!int.TryParse(text, out var value) || value < min)
            throw new ArgumentException($"{name} must be an integer >= {min}, got '{text}'");
        return value;
    }
}
