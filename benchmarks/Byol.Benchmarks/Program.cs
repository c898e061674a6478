using Byol.Benchmarks;
using Byol.Model.Runtime;

// dotnet run -c Release --project benchmarks/Byol.Benchmarks -- step --encoder E --batch B [--steps N] [--json]
// dotnet run -c Release --project benchmarks/Byol.Benchmarks -- compare --encoder E --batch B [--repeats R]
// As the silo does, before any thread allocates: one malloc arena from process start (MallocArenas restarts this
// process with MALLOC_ARENA_MAX=1 unless it has it) and tuned thresholds (BYOL_NATIVE_HEAP=default leaves glibc's defaults).
MallocArenas.RestartWithOneArenaIfNeeded();
NativeHeap.TuneForTensors();
try
{
    return args.FirstOrDefault() switch
    {
        "step" => StepCommand.Run(StepSettings.Parse(args.AsSpan(1))),
        "compare" => CompareCommand.Run(CompareSettings.Parse(args.AsSpan(1))),
        "micro" => MicroCommand.Run(args.AsSpan(1)),
        "orchestration" => Byol.Benchmarks.Orchestration.OrchestrationCommand.Run(args.AsSpan(1)),
        "status-load" => Byol.Benchmarks.StatusLoad.StatusLoadCommand.Run(args.AsSpan(1)),
        "socket-floor" => Byol.Benchmarks.StatusLoad.SocketFloorCommand.Run(args.AsSpan(1)),
        "trial-memory" => Byol.Benchmarks.TrialMemory.TrialMemoryCommand.Run(args.AsSpan(1)),
        "overhead" => OverheadCommand.Run(OverheadSettings.Parse(args.AsSpan(1))),
        "memory" => MemoryCommand.Run(MemorySettings.Parse(args.AsSpan(1))),
        "checkpoint" => CheckpointCommand.Run(CheckpointSettings.Parse(args.AsSpan(1))),
        "levers" => LeversCommand.Run(StepSettings.Parse(args.AsSpan(1))),
        "report" => ReportCommand.Run(args.AsSpan(1)),
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
                  [--optimizer lars|sgd|adamw] [--projector-hidden H] [--projector-out O] [--predictor-hidden H]
                  [--view-lanes on|off] [--json]
                  Byol's BYOL training step: images/s of TrainingRun.TrainStep over N steps after W warmup steps,
                  then the phases (augment, online forward+backward, target forward, optimizer, EMA) timed separately
                  over P steps (default N) built from the same Byol.Model pieces.
          compare --encoder E --batch B [--steps N] [--warmup W] [--threads T] [--image-size S] [--repeats R]
                  [--python /usr/bin/python3] [--script benchmarks/pytorch/byol_step.py] [--heap-variants] [--lanes-variant] [--json]
                  Runs Byol's step and the PyTorch reference alternately R times (default 3), each in a fresh process,
                  and prints a markdown table of medians. --lanes-variant adds Byol with --view-lanes off.
          micro   [--threads T] [--repeats R]
                  Single ops at the step's shapes (matmul, Linear, BatchNorm, 3x3 conv), as benchmarks/pytorch/micro.py.
          overhead [step options] [--log-every L]
                  Full step (TrainingRun.TrainStep) vs the bare model compute (forward+backward of two pre-made views),
                  alternating, medians over N rounds (default 10): the ratio and a breakdown of the step by phase.
          augment [--batch B] [--image-size S] [--threads T] [--runs R] [--iterations I] [--warmup W] [--ablate] [--json]
                  The view pipeline alone: images/s (two paper views each), median of R runs of I batches; --ablate
                  repeats it with one stage off at a time.
          memory  [--steps N] [--every E] [--batch B] [--encoder E] [--threads T] [--log-every L] [--json]
                  The training loop for N steps (default 2000, batch 32): resident set and TorchSharp's dispose-scope
                  statistics every E steps (default 200); the change of the resident set from step E to N.
          checkpoint [--steps N] [--every E] [--log-every L] [--repeats R] [--batch B] [--encoder E] [--directory D] [--json]
                  Training throughput with a checkpoint every E steps (default 100) against none, each segment run as a
                  trainer grain does (TrainingSession + FileSystemCheckpointStore in a local directory); R alternating
                  rounds (default 2) of N steps (default 400, batch 64); the cost in %.
          levers  [step options]
                  A/B of candidate step speedups, alternating, medians over N rounds after W warmup: channels_last
                  views (bare compute), a fused EMA over one flat buffer, views prefetched on a producer thread.
          socket-floor [--qps Q] [--seconds S] [--payload BYTES] [--json]
                  CPU per request/response round trip over loopback TCP with bare async sockets, at Q/s (default 100,
                  as status-load), the echo side in its own process: the floor under status-load's per-query cost.
          report  FILE.json...
                  The readable table of results saved with --json (augment, overhead, levers, memory, checkpoint).
        encoders: small-resnet, resnet18-cifar, resnet18, resnet50
        """);
    return code;
}
