using Byol.Benchmarks;

// dotnet run -c Release --project benchmarks/Byol.Benchmarks -- step --encoder E --batch B [--steps N] [--json]
// dotnet run -c Release --project benchmarks/Byol.Benchmarks -- compare --encoder E --batch B [--repeats R]
try
{
    return args.FirstOrDefault() switch
    {
        "step" => StepCommand.Run(StepSettings.Parse(args.AsSpan(1))),
        "compare" => CompareCommand.Run(CompareSettings.Parse(args.AsSpan(1))),
        "micro" => MicroCommand.Run(args.AsSpan(1)),
        "augment" => AugmentCommand.Run(AugmentSettings.Parse(args.AsSpan(1))),
        null or "-h" or "--help" or "help" => Usage(Console.Out, 0),
        var other => Usage(Console.Error, 2, $"unknown command '{other}'"),
    };
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"byol-benchmarks: {e.Message}");
    return 2;
}

static int Usage(TextWriter to, int code, string? reason = null)
{
    if (reason is not null)
        to.WriteLine($"byol-benchmarks: {reason}");
    to.WriteLine("""
        usage:
          step    --encoder E --batch B [--steps N] [--warmup W] [--phase-steps P] [--threads T] [--image-size S]
                  [--optimizer lars|sgd|adamw] [--projector-hidden H] [--projector-out O] [--predictor-hidden H] [--json]
                  Byol's BYOL training step: images/s of TrainingRun.TrainStep over N steps after W warmup steps,
                  then the phases (augment, online forward+backward, target forward, optimizer, EMA) timed separately
                  over P steps (default N) built from the same Byol.Model pieces.
          compare --encoder E --batch B [--steps N] [--warmup W] [--threads T] [--image-size S] [--repeats R]
                  [--python /usr/bin/python3] [--script benchmarks/pytorch/byol_step.py] [--json]
                  Runs Byol's step and the PyTorch reference alternately R times (default 3), each in a fresh process,
                  and prints a markdown table of medians.
          micro   [--threads T] [--repeats R]
                  Single ops at the step's shapes (matmul, Linear, BatchNorm, 3x3 conv), as benchmarks/pytorch/micro.py.
          augment [--batch B] [--image-size S] [--threads T] [--runs R] [--iterations I] [--warmup W] [--ablate] [--json]
                  The view pipeline alone: images/s (two paper views each), median of R runs of I batches; --ablate
                  repeats it with one stage off at a time.
        encoders: small-resnet, resnet18-cifar, resnet18, resnet50
        """);
    return code;
}
