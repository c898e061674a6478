using Byol.Model.Runtime;
using Byol.Silo.Commands;
using Byol.Silo.Hosting;

// First, before the host starts its threads: glibc's heap for tensor work, one malloc arena from process start
// (MallocArenas: restarts this process with MALLOC_ARENA_MAX=1 unless it has it) and tuned thresholds (NativeHeap).
MallocArenas.RestartWithOneArenaIfNeeded();
NativeHeap.TuneForTensors();

// `demo [--json]`: the zero-setup main job. `local SPEC [--json]`: any spec on an embedded silo.
// No command: a long-running cluster member configured by appsettings.json, environment and arguments.
return args.FirstOrDefault() switch
{
    "demo" => await LocalCommand.DemoAsync(args[1..]),
    "local" when args.Length > 1 => await LocalCommand.RunAsync(args[1], args[2..]),
    "local" => Usage(),
    "--help" or "-h" or "help" => Usage(),
    _ => await SiloMember.RunAsync(args),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Byol.Silo [demo [--json] [--steps N] | local SPEC [--json] [--steps N] | Key=Value ...]");
    return 2;
}
