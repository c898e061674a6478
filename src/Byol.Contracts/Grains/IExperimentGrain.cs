using Orleans.Concurrency;
using Byol.Contracts.Specs;
using Byol.Contracts.Sweeps;

namespace Byol.Contracts.Grains;

/// <summary>
/// One sweep, keyed by its id: expands the spec into trials, starts them while max_concurrent and free slots allow,
/// records progress and results, ranks trials by the objective. The source of truth for the sweep. Reads and
/// progress reports interleave with the scheduling loop (they do not await), so a slow store or trainer call never
/// makes `sweep show` wait.
/// </summary>
[Alias("byol.IExperimentGrain")]
public interface IExperimentGrain : IGrainWithStringKey
{
    /// <summary>Validates the spec, expands it and starts scheduling; refuses with every reason, scheduling nothing.</summary>
    [Alias("Submit")] Task<SubmitResult> Submit(SweepSpec spec);
    [Alias("Show"), AlwaysInterleave] Task<SweepView> Show();
    /// <summary>The resolved spec of one trial (the sweep spec with the trial's parameters applied).</summary>
    [Alias("TrialSpec"), AlwaysInterleave] Task<SweepSpec> TrialSpec(string trialId);
    [Alias("Cancel")] Task Cancel();
    [Alias("Pause")] Task Pause();
    [Alias("Resume")] Task Resume();
    /// <summary>Raises every unfinished (and finished) trial's budget to <paramref name="steps"/>.</summary>
    [Alias("Extend")] Task Extend(long steps);

    /// <summary>Push updates of the sweep view to a client observer (watch without polling).</summary>
    [Alias("Subscribe")] Task Subscribe(ISweepObserver observer);
    [Alias("Unsubscribe")] Task Unsubscribe(ISweepObserver observer);

    [Alias("ReportProgress"), OneWay, AlwaysInterleave] Task ReportProgress(TrialProgress progress);
    [Alias("ReportSegmentEnded"), OneWay] Task ReportSegmentEnded(TrialSegmentEnded ended);
    [Alias("ReportEvaluated"), OneWay] Task ReportEvaluated(TrialEvaluated evaluated);
    [Alias("ReportBaselines"), OneWay] Task ReportBaselines(Baselines baselines);
    [Alias("ReportBaselinesFailed"), OneWay] Task ReportBaselinesFailed(string error);
}

/// <summary>A client-side observer of a sweep.</summary>
[Alias("byol.ISweepObserver")]
public interface ISweepObserver : IGrainObserver
{
    [Alias("OnSweepChanged")] Task OnSweepChanged(SweepView view);
}
