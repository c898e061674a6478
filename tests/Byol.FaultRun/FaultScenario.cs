using Byol.Contracts.Sweeps;

namespace Byol.FaultRun;

public sealed record CheckResult(string Name, bool Held, string Detail);

/// <summary>
/// The faults, in order, on one sweep: scale-out, a SIGKILL, a graceful scale-in (SIGTERM), a full restart, a storage
/// outage and a corrupt latest checkpoint; then the sweep must complete and no silo log may hold the storage key.
/// </summary>
public sealed class FaultScenario(RunSettings settings, Azurite azurite, IReadOnlyList<SiloProcess> silos,
    ClusterConnection cluster, CheckpointBlobs blobs, string sweepId, Action<string> say)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(180);
    private SiloProcess S3 => silos[2];

    public async Task<SweepView> WaitAsync(Func<SweepView, bool> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var view = await cluster.ShowAsync(sweepId);
            if (condition(view))
                return view;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"timed out after {timeout.TotalSeconds:F0} s waiting for {what} ({Figures(view)})");
            await Task.Delay(500);
        }
    }

    public static string Figures(SweepView v) =>
        $"completed {v.Trials.Count(t => t.State == TrialState.Completed)}/{v.Trials.Count}, " +
        $"failed {v.Trials.Count(t => t.State == TrialState.Failed)}, restarts {v.Trials.Sum(t => t.Restarts)}, " +
        $"steps redone {v.Trials.Sum(t => t.StepsRedone)}";

    private static TrialView Trial(SweepView v, string id) => v.Trials.Single(t => t.Id == id);

    private SiloProcess? SiloOf(TrialView t) => silos.FirstOrDefault(s => s.Running && s.Owns(t.Silo));

    /// <summary>A trial training on a live silo, past <paramref name="minStep"/> and with room left before its end.</summary>
    private async Task<(TrialView Trial, SiloProcess Silo)> RunningTrialAsync(long minStep, Func<SiloProcess, bool>? prefer = null)
    {
        var view = await WaitAsync(v => v.Trials.Any(t => Eligible(t, minStep)), Patience, $"a trial past step {minStep} on a live silo");
        var candidates = view.Trials.Where(t => Eligible(t, minStep)).ToList();
        var trial = candidates.FirstOrDefault(t => prefer?.Invoke(SiloOf(t)!) == true) ?? candidates[0];
        return (trial, SiloOf(trial)!);
    }

    private bool Eligible(TrialView t, long minStep) =>
        t.State == TrialState.Running && t.Step >= minStep && t.Step <= t.Steps - 3 * settings.CheckpointEvery && SiloOf(t) is not null;

    private static bool Resumed(TrialView t, int restartsBefore, SiloProcess gone) =>
        t.Restarts > restartsBefore && (t.State == TrialState.Completed || (t.State == TrialState.Running && !gone.Owns(t.Silo)));

    /// <summary>(1) A silo that joins mid-sweep takes pending trials.</summary>
    public async Task<CheckResult> ScaleOutAsync()
    {
        var before = await WaitAsync(v => v.Trials.Count(t => t.State == TrialState.Running) >= 2 && v.Trials.Any(t => t.State == TrialState.Pending),
            Patience, "two running trials and a pending one");
        var pending = before.Trials.Where(t => t.State == TrialState.Pending).Select(t => t.Id).ToHashSet();
        say($"scale-out: starting {S3.Name} with {pending.Count} trial(s) pending");
        await S3.StartAsync();
        var after = await WaitAsync(v => v.Trials.Any(t => pending.Contains(t.Id) && S3.Owns(t.Silo)), Patience, $"a pending trial on {S3.Name}");
        var taken = after.Trials.First(t => pending.Contains(t.Id) && S3.Owns(t.Silo));
        return new("scale-out", true, $"{S3.Name} joined and took pending trial {taken.Id}; {Figures(after)}");
    }

    /// <summary>(2) SIGKILL a silo while it trains: its trial resumes elsewhere from its last checkpoint.</summary>
    public async Task<CheckResult> KillAsync()
    {
        var (trial, silo) = await RunningTrialAsync(settings.CheckpointEvery + settings.CheckpointEvery / 2, s => s != S3);
        var atKill = Trial(await cluster.ShowAsync(sweepId), trial.Id);
        say($"kill: SIGKILL {silo.Name} while {trial.Id} trains at step {atKill.Step}");
        await silo.KillAsync();
        var after = await WaitAsync(v => Resumed(Trial(v, trial.Id), atKill.Restarts, silo), Patience, $"{trial.Id} to resume");
        var resumed = Trial(after, trial.Id);
        var start = SiloLogs.LatestStart(silos, sweepId, trial.Id);
        await silo.StartAsync();
        var held = start is not null && start.Step > 0 && resumed.State != TrialState.Failed;
        return new("kill", held,
            $"{silo.Name} killed at step ~{atKill.Step}; {trial.Id} resumed on {Name(start?.Silo)} from checkpoint step {start?.Step.ToString() ?? "?"}, " +
            $"restarts {resumed.Restarts}, steps redone {resumed.StepsRedone - atKill.StepsRedone}; {silo.Name} restarted; {Figures(after)}");
    }

    /// <summary>(2b) SIGTERM a silo while it trains: it drains (checkpoints) the trial, which resumes with no step redone.</summary>
    public async Task<CheckResult> DrainAsync()
    {
        var (trial, silo) = await RunningTrialAsync(settings.CheckpointEvery, s => s == S3);
        var atStop = Trial(await cluster.ShowAsync(sweepId), trial.Id);
        say($"drain: SIGTERM {silo.Name} while {trial.Id} trains at step {atStop.Step}");
        var clean = await silo.StopAsync();
        var drained = SiloLogs.Drained(silo, sweepId, trial.Id);
        var after = await WaitAsync(v => Resumed(Trial(v, trial.Id), atStop.Restarts, silo), Patience, $"{trial.Id} to resume after the drain");
        var resumed = Trial(after, trial.Id);
        var start = SiloLogs.LatestStart(silos, sweepId, trial.Id);
        var redone = resumed.StepsRedone - atStop.StepsRedone;
        var held = clean && drained && redone == 0 && start is not null && start.Step >= atStop.Step;
        return new("drain", held,
            $"{silo.Name} stopped {(clean ? "cleanly" : "only by SIGKILL")}, {(drained ? "drained" : "did NOT drain")} {trial.Id} (step {atStop.Step} when signalled); " +
            $"resumed on {Name(start?.Silo)} from step {start?.Step.ToString() ?? "?"}, steps redone {redone}; {Figures(after)}");
    }

    /// <summary>(3) SIGTERM every silo, start them all again: the sweep continues from persisted state.</summary>
    public async Task<CheckResult> RestartAllAsync()
    {
        var before = await cluster.ShowAsync(sweepId);
        var unfinished = before.Trials.Where(t => t.State is TrialState.Running or TrialState.Pending).ToDictionary(t => t.Id, t => t.Step);
        if (unfinished.Count == 0)
            return new("restart", false, $"the sweep had no unfinished trial left to restart; lengthen it (--steps); {Figures(before)}");
        say($"restart: SIGTERM all silos with {unfinished.Count} trial(s) unfinished");
        var stopped = await Task.WhenAll(silos.Where(s => s.Running).Select(s => s.StopAsync()));
        foreach (var silo in silos)
            await silo.StartAsync();
        var after = await WaitAsync(v => v.Trials.Any(t => unfinished.TryGetValue(t.Id, out var s) && (t.State == TrialState.Completed || t.Step >= s + settings.CheckpointEvery)),
            Patience, "a trial to progress after the restart");
        var failed = after.Trials.Count(t => t.State == TrialState.Failed);
        return new("restart", failed == 0,
            $"{stopped.Length} silos stopped ({stopped.Count(c => c)} cleanly) and restarted; trials progressed past their pre-restart steps; " +
            $"restarts +{after.Trials.Sum(t => t.Restarts) - before.Trials.Sum(t => t.Restarts)}, steps redone +{after.Trials.Sum(t => t.StepsRedone) - before.Trials.Sum(t => t.StepsRedone)}; {Figures(after)}");
    }

    /// <summary>(4) Azurite down for a while: training goes on, no trial fails, no checkpoint is lost.</summary>
    public async Task<CheckResult> StorageOutageAsync()
    {
        await RunningTrialAsync(settings.CheckpointEvery);
        var before = await blobs.StepsAsync(sweepId);
        var viewBefore = await cluster.ShowAsync(sweepId);
        say($"outage: stopping Azurite for {settings.OutageSeconds} s");
        await azurite.StopAsync();
        await Task.Delay(TimeSpan.FromSeconds(settings.OutageSeconds));
        var during = await cluster.ShowAsync(sweepId);
        await azurite.StartAsync();
        var trained = during.Trials.Sum(t => t.Step) - viewBefore.Trials.Sum(t => t.Step);
        var after = await WaitAsync(v => v.Trials.Sum(t => t.Step) > during.Trials.Sum(t => t.Step), Patience, "progress after the outage");
        await Task.Delay(TimeSpan.FromSeconds(5));
        after = await cluster.ShowAsync(sweepId);
        var now = await blobs.StepsAsync(sweepId);
        var lost = before.Where(b => b.Value.Count > 0 && after.Trials.Any(t => t.Id == b.Key && t.State != TrialState.Completed)
            && (!now.TryGetValue(b.Key, out var steps) || steps.Count == 0 || steps[^1] < b.Value[^1])).Select(b => b.Key).ToList();
        var failed = after.Trials.Count(t => t.State == TrialState.Failed);
        return new("storage-outage", lost.Count == 0 && failed == 0,
            $"Azurite down {settings.OutageSeconds} s; {trained} steps trained meanwhile; trials failed {failed}; " +
            $"checkpoints lost {lost.Count}{(lost.Count > 0 ? " (" + string.Join(", ", lost) + ")" : "")}; {Figures(after)}");
    }

    /// <summary>(5) The latest checkpoint corrupt: detected by its checksum, the previous one is used.</summary>
    public async Task<(CheckResult Result, string TrialId, long Previous)> CorruptCheckpointAsync()
    {
        var minStep = 2 * settings.CheckpointEvery + 1;
        var (trial, silo) = await RunningTrialAsync(minStep);
        var atKill = Trial(await cluster.ShowAsync(sweepId), trial.Id);
        await silo.KillAsync();
        var (corrupted, previous) = await blobs.CorruptNewestAsync(sweepId, trial.Id);
        say($"corrupt: killed {silo.Name} at step ~{atKill.Step}; overwrote {trial.Id}'s step-{corrupted} (previous: step-{previous})");
        var after = await WaitAsync(v => Resumed(Trial(v, trial.Id), atKill.Restarts, silo), Patience, $"{trial.Id} to resume");
        var start = SiloLogs.LatestStart(silos, sweepId, trial.Id);
        var skipped = SiloLogs.SkippedCorrupt(silos, sweepId, trial.Id, corrupted);
        await silo.StartAsync();
        var resumed = Trial(after, trial.Id);
        var held = skipped && start?.Step == previous;
        return (new("corrupt-checkpoint", held,
            $"{trial.Id}'s step-{corrupted} corrupted; {(skipped ? "logged as corrupt" : "NOT logged as corrupt")}; resumed on {Name(start?.Silo)} " +
            $"from step {start?.Step.ToString() ?? "?"} (previous checkpoint {previous}); restarts {resumed.Restarts}, steps redone {resumed.StepsRedone - atKill.StepsRedone}; {Figures(after)}"),
            trial.Id, previous);
    }

    /// <summary>No silo log, of any incarnation, holds the storage account key.</summary>
    public CheckResult Secrets()
    {
        var files = SiloLogs.FilesContaining(silos, Azurite.AccountKey);
        var count = silos.Sum(s => s.Logs.Count);
        return new("secrets", files.Count == 0,
            files.Count == 0 ? $"AccountKey absent from all {count} silo logs" : $"AccountKey found in {string.Join(", ", files.Select(Path.GetFileName))}");
    }

    private string Name(string? siloAddress) => silos.FirstOrDefault(s => s.Owns(siloAddress))?.Name ?? siloAddress ?? "?";
}
