using System.Diagnostics;
using System.Runtime.InteropServices;
using Byol.Contracts.Specs;
using Byol.Contracts.Sweeps;
using Byol.FaultRun;

// The cluster fault run: Azurite, two silo processes (a third joins), one sweep, six faults; one line per check.
var settings = RunSettings.Parse(args);
Directory.CreateDirectory(settings.WorkDirectory);
var clock = Stopwatch.StartNew();
void Say(string line) => Console.Error.WriteLine($"[{clock.Elapsed.TotalSeconds,5:F0} s] {line}");

// Stopped from outside: end every process group this run started, then exit (the script's trap does the same).
void Abort(PosixSignalContext _)
{
    ChildProcess.KillRecorded(settings.PidFile);
    Console.Error.WriteLine("cluster-fault-run: interrupted; every process it started was killed");
    Environment.Exit(130);
}
using var onTerm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Abort);
using var onInt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Abort);

var parsed = SpecParser.Parse(settings.SpecYaml, new SpecParseOptions { BaseDirectory = settings.RepoRoot });
if (!parsed.IsValid)
{
    Console.Error.WriteLine("fault-run spec is invalid: " + string.Join("; ", parsed.Errors));
    return 2;
}

var results = new List<CheckResult>();
await using var azurite = new Azurite(Directory.CreateDirectory(Path.Combine(settings.WorkDirectory, "azurite")).FullName, settings.WorkDirectory, settings.PidFile);
var silos = Enumerable.Range(1, 3).Select(i => new SiloProcess($"silo-{i}", settings, azurite.ConnectionString)).ToList();
try
{
    await azurite.StartAsync();
    Say("azurite up");
    foreach (var silo in silos.Take(2))
        await silo.StartAsync();
    Say("silo-1 and silo-2 up");
    await using var cluster = new ClusterConnection(azurite.ConnectionString, settings.ClusterId);
    string sweepId;
    int trials;
    if (settings.ByolDll is { } byol)
    {
        var specPath = Path.Combine(settings.WorkDirectory, "fault-run.yaml");
        await File.WriteAllTextAsync(specPath, settings.SpecYaml);
        (sweepId, trials) = await ByolCliSubmit.RunAsync(byol, specPath, azurite.ConnectionString, settings.ClusterId);
        Say($"byol sweep submit: {sweepId}, {trials} trials of {settings.Steps} steps");
    }
    else
    {
        sweepId = "fault-" + Guid.NewGuid().ToString("N")[..6];
        var submitted = await cluster.SubmitAsync(sweepId, parsed.Spec!);
        if (!submitted.Accepted)
            throw new InvalidOperationException("submit refused: " + string.Join("; ", submitted.Errors));
        trials = submitted.Trials;
        Say($"submitted {sweepId} through an Orleans client: {trials} trials of {settings.Steps} steps");
    }

    var scenario = new FaultScenario(settings, azurite, silos, cluster, new CheckpointBlobs(azurite.ConnectionString), sweepId, Say);
    async Task Check(string name, Func<Task<CheckResult>> check)
    {
        var started = clock.Elapsed;
        try
        {
            results.Add(await check());
        }
        catch (Exception e)
        {
            results.Add(new CheckResult(name, false, e.Message));
        }
        Say($"{name}: {(results[^1].Held ? "held" : "failed")} in {(clock.Elapsed - started).TotalSeconds:F0} s");
    }

    await Check("scale-out", scenario.ScaleOutAsync);
    await Check("kill", scenario.KillAsync);
    await Check("drain", scenario.DrainAsync);
    await Check("restart", scenario.RestartAllAsync);
    await Check("storage-outage", scenario.StorageOutageAsync);
    string? corruptTrial = null;
    long corruptPrevious = 0;
    await Check("corrupt-checkpoint", async () =>
    {
        var (result, trial, previous) = await scenario.CorruptCheckpointAsync();
        (corruptTrial, corruptPrevious) = (trial, previous);
        return result;
    });
    await Check("sweep-completes", async () =>
    {
        var done = await scenario.WaitAsync(v => v.State is SweepState.Completed or SweepState.Failed or SweepState.Cancelled
            || v.Trials.All(t => t.State is TrialState.Completed or TrialState.Failed), TimeSpan.FromSeconds(600), "the sweep to end");
        var all = done.Trials.All(t => t.State == TrialState.Completed);
        var corruptDone = corruptTrial is null || done.Trials.Single(t => t.Id == corruptTrial).State == TrialState.Completed;
        return new CheckResult("sweep-completes", all && corruptDone,
            $"sweep {done.State.ToString().ToLowerInvariant()}; every trial completed: {(all ? "yes" : "no")}" +
            (corruptTrial is null ? "" : $" (incl. {corruptTrial}, resumed from step {corruptPrevious})") + $"; {FaultScenario.Figures(done)}");
    });
    results.Add(scenario.Secrets());
}
catch (Exception e)
{
    Say("setup failed: " + e.Message);
    results.Add(new CheckResult("setup", false, e.Message));
}
finally
{
    foreach (var silo in silos)
        await silo.DisposeAsync();
}

foreach (var r in results)
    Console.WriteLine($"{r.Name,-19} {(r.Held ? "held" : "failed"),-6} {r.Detail}");
Console.WriteLine($"cluster-fault-run: {results.Count(r => r.Held)}/{results.Count} checks held in {clock.Elapsed.TotalSeconds:F0} s; logs in {settings.WorkDirectory}");
return results.All(r => r.Held) ? 0 : 1;
