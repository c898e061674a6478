using Byol.Contracts.Grains;
using Byol.Contracts.Specs;
using Byol.Contracts.Sweeps;
using Byol.Grains.Placement;
using Byol.Grains.Slots;
using Byol.Grains.Training;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace Byol.Grains.Experiments;

/// <summary>
/// One sweep. Expands the spec into trials, starts them while max_concurrent and free slots allow, moves each
/// through training segments and evaluations, restarts those whose silo died, and ranks them. It orchestrates only:
/// trainers and evaluators do the work and report back one-way, so no call cycle can block it.
/// </summary>
public sealed class ExperimentGrain(
    [PersistentState("experiment", StorageNames.Grains)] IPersistentState<ExperimentState> state,
    IClusterMembershipService membership,
    ILogger<ExperimentGrain> logger) : Grain, IExperimentGrain, IRemindable, IIncomingGrainCallFilter
{
    public static readonly TimeSpan TickPeriod = TimeSpan.FromSeconds(1);
    private const string ReminderName = "schedule";
    public static readonly TimeSpan SilenceBeforeCheck = TimeSpan.FromSeconds(20);
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(15);
    public static readonly TimeSpan MissingSiloGrace = TimeSpan.FromSeconds(10);
    private readonly Dictionary<ISweepObserver, DateTimeOffset> observers = [];
    private readonly Dictionary<string, DateTimeOffset> lastHeard = [];
    private readonly Dictionary<string, DateTimeOffset> missingSince = [];
    private readonly Dictionary<string, DateTimeOffset> evaluationStarted = [];
    /// <summary>An evaluation whose one-way result never came back is started again after this long.</summary>
    public static readonly TimeSpan EvaluationTimeout = TimeSpan.FromMinutes(20);
    private IGrainTimer? ticker;
    private bool changed;
    /// <summary>
    /// The view <see cref="Show"/> built last, kept until a call or a scheduling pass may have changed the state: a
    /// client polling `sweep show` 100 times a second would otherwise rebuild and re-rank the whole trial table (and
    /// copy every curve) 100 times a second.
    /// </summary>
    private SweepView? shownView;
    private bool dirty;

    private string SweepId => this.GetPrimaryKeyString();
    private ExperimentState S => state.State;
    private ISlotDirectoryGrain Directory => GrainFactory.GetGrain<ISlotDirectoryGrain>(0);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (S.Spec is not null && S.State is SweepState.Running or SweepState.Paused or SweepState.Pending)
            StartTicking();
        return Task.CompletedTask;
    }

    public async Task<SubmitResult> Submit(SweepSpec spec)
    {
        if (S.Spec is not null)
            return new SubmitResult(false, SweepId, S.Trials.Count, [$"sweep '{SweepId}' already exists"]);
        IReadOnlyList<TrialPlan> plans;
        try
        {
            plans = SearchExpander.Expand(spec);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return new SubmitResult(false, SweepId, 0, [e.Message]);
        }
        if (plans.Count == 0)
            return new SubmitResult(false, SweepId, 0, ["search: the spec expands to no trials"]);
        var accelerator = SpecNames.Of(spec.Resources.Accelerator);
        if (!await Directory.CanEverHost(accelerator))
        {
            var silos = await Directory.Silos();
            var offered = silos.Count == 0 ? "none" : string.Join(", ", silos.Select(s => $"{s.Capacity.Accelerator} x{s.Capacity.Slots}"));
            return new SubmitResult(false, SweepId, plans.Count,
                [$"resources.accelerator: no silo in the cluster offers a '{accelerator}' slot (silos offer: {offered}); nothing was scheduled"]);
        }
        S.Spec = spec;
        S.State = SweepState.Running;
        S.SubmittedAt = DateTimeOffset.UtcNow;
        S.Trials = plans.Select(p => NewTrial(spec, p)).ToList();
        await state.WriteStateAsync();
        await GrainFactory.GetGrain<ISweepRegistryGrain>(0).Register(Summary());
        await this.RegisterOrUpdateReminder(ReminderName, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        StartTicking();
        ScheduleNow();
        logger.LogInformation("Sweep {Sweep} '{Name}' submitted: {Trials} trials", SweepId, spec.Name, plans.Count);
        return new SubmitResult(true, SweepId, plans.Count, []);
    }

    private TrialRecord NewTrial(SweepSpec spec, TrialPlan plan)
    {
        var resolved = SpecResolver.Resolve(spec, plan.Params);
        var steps = resolved.Train.Steps;
        return new TrialRecord { Plan = plan, Steps = steps, StopAt = NextStop(resolved, 0) };
    }

    private static long NextStop(SweepSpec trialSpec, long step) =>
        trialSpec.Scheduler.Name == SchedulerKind.Asha
            ? AshaRungs.NextStop(step, trialSpec.Scheduler.GraceSteps ?? 0, trialSpec.Scheduler.ReductionFactor, trialSpec.Train.Steps)
            : trialSpec.Train.Steps;

    private SweepSpec TrialSpec(TrialRecord trial)
    {
        var spec = SpecResolver.Resolve(S.Spec!, trial.Plan.Params);
        return S.ExtendedSteps is { } steps ? spec with { Train = spec.Train with { Steps = (int)steps } } : spec;
    }

    public Task<SweepSpec> TrialSpec(string trialId) =>
        Task.FromResult(TrialSpec(Find(trialId) ?? throw new ArgumentException($"sweep '{SweepId}' has no trial '{trialId}'")));

    public Task<SweepView> Show() => Task.FromResult(shownView ??= SweepViewBuilder.Build(SweepId, S));

    /// <summary>
    /// Any call but <see cref="Show"/> may change the state, so the kept view is dropped before it runs and again after
    /// it (a Show interleaved with its awaits may have kept a view of a half-done change). Orleans copies a returned
    /// view for callers in this silo and serializes it for the rest, so no caller can alter the kept one.
    /// </summary>
    Task IIncomingGrainCallFilter.Invoke(IIncomingGrainCallContext context) =>
        context.InterfaceMethod.Name == nameof(Show) ? context.Invoke() : MayChangeState(context.Invoke);

    private async Task MayChangeState(Func<Task> work)
    {
        shownView = null;
        try
        {
            await work();
        }
        finally
        {
            shownView = null;
        }
    }

    public async Task Cancel()
    {
        if (S.Spec is null || S.State is SweepState.Completed or SweepState.Cancelled)
            return;
        S.State = SweepState.Cancelled;
        foreach (var trial in S.Trials.Where(t => !t.IsTerminal))
        {
            if (trial.IsTraining)
                await TryCall(() => Trainer(trial).Cancel());
            await Directory.Release(TrainerKeys.TrainerHolder(SweepId, trial.Id));
            trial.State = TrialState.Cancelled;
            trial.Phase = TrialPhase.None;
        }
        await Finish();
    }

    public async Task Pause()
    {
        if (S.State != SweepState.Running)
            return;
        S.State = SweepState.Paused;
        foreach (var trial in S.Trials.Where(t => t.IsTraining))
            trial.Interrupted = true;
        await state.WriteStateAsync();
        changed = true;
        foreach (var trial in S.Trials.Where(t => t.IsTraining).ToList())
            Trainer(trial).Drain().Ignore();
    }

    public async Task Resume()
    {
        if (S.State != SweepState.Paused)
            return;
        S.State = SweepState.Running;
        await state.WriteStateAsync();
        changed = true;
        StartTicking();
        ScheduleNow();
    }

    public async Task Extend(long steps)
    {
        if (S.Spec is null)
            throw new InvalidOperationException($"sweep '{SweepId}' does not exist");
        if (steps <= S.Trials.Max(t => t.Steps))
            throw new ArgumentOutOfRangeException(nameof(steps), steps, "extend needs more steps than the trials already have");
        S.ExtendedSteps = steps;
        foreach (var trial in S.Trials.Where(t => t.State is not (TrialState.Failed or TrialState.Cancelled or TrialState.Stopped)))
        {
            trial.Steps = steps;
            trial.StopAt = NextStop(TrialSpec(trial), trial.Step);
            if (trial.State == TrialState.Completed)
            {
                trial.State = TrialState.Pending;
                trial.Phase = TrialPhase.None;
            }
        }
        if (S.State == SweepState.Completed)
        {
            S.State = SweepState.Running;
            S.FinishedAt = null;
        }
        await state.WriteStateAsync();
        // Running trainers take the new budget at their next start; tell them now.
        foreach (var trial in S.Trials.Where(t => t.IsTraining).ToList())
        {
            try
            {
                await StartTrainer(trial);
            }
            catch (Exception e)
            {
                logger.LogInformation("Trial {Trial} takes the new budget at its next start: {Reason}", trial.Id, e.Message);
            }
        }
        changed = true;
        StartTicking();
        ScheduleNow();
    }

    public Task Subscribe(ISweepObserver observer)
    {
        observers[observer] = DateTimeOffset.UtcNow;
        observer.OnSweepChanged(SweepViewBuilder.Build(SweepId, S)).Ignore();
        return Task.CompletedTask;
    }

    public Task Unsubscribe(ISweepObserver observer)
    {
        observers.Remove(observer);
        return Task.CompletedTask;
    }

    public Task ReportProgress(TrialProgress p)
    {
        var trial = Find(p.TrialId);
        if (trial is null || p.Fence < trial.Fence || !trial.IsTraining)
            return Task.CompletedTask;
        lastHeard[trial.Id] = DateTimeOffset.UtcNow;
        trial.Step = p.Step;
        trial.Silo = p.Silo;
        trial.Metrics = trial.Metrics with { Loss = p.Loss, ZStd = p.ZStd, ImagesPerSecond = p.ImagesPerSecond, Tau = p.Tau, LearningRate = p.LearningRate };
        trial.AddCurvePoints(p.NewCurvePoints);
        changed = true;
        return Task.CompletedTask;
    }

    public async Task ReportSegmentEnded(TrialSegmentEnded e)
    {
        var trial = Find(e.TrialId);
        if (trial is null || e.Fence < trial.Fence || !trial.IsTraining)
            return;
        await Directory.Release(TrainerKeys.TrainerHolder(SweepId, trial.Id));
        trial.Step = e.Step;
        trial.Silo = null;
        switch (e.Outcome)
        {
            case SegmentOutcome.ReachedTarget:
                trial.CheckpointStep = e.Step;
                trial.Phase = TrialPhase.AwaitingEvaluation;
                trial.EvaluationStep = e.Step;
                break;
            case SegmentOutcome.Interrupted:
                trial.CheckpointStep = e.Step;
                trial.State = TrialState.Pending;
                trial.Phase = TrialPhase.None;
                if (!trial.Interrupted)
                    trial.Restarts++;
                trial.Interrupted = false;
                break;
            case SegmentOutcome.Cancelled:
                if (S.State == SweepState.Cancelled)
                {
                    trial.State = TrialState.Cancelled;
                    trial.Phase = TrialPhase.None;
                }
                break;
            case SegmentOutcome.Failed:
                trial.State = TrialState.Failed;
                trial.Phase = TrialPhase.None;
                trial.Error = e.Error ?? "training failed";
                break;
        }
        await PersistSoon();
    }

    public async Task ReportEvaluated(TrialEvaluated e)
    {
        var trial = Find(e.TrialId);
        if (trial is null || trial.Phase != TrialPhase.Evaluating || e.Step != trial.EvaluationStep)
            return;
        await Directory.Release(TrainerKeys.EvaluationHolder(EvaluationKey(trial.Id, e.Step)));
        trial.EvaluationSilo = null;
        trial.Phase = TrialPhase.None;
        if (e.Result is null)
        {
            trial.State = TrialState.Failed;
            trial.Error = "evaluation failed: " + (e.Error ?? "unknown error");
            await PersistSoon();
            return;
        }
        trial.Evaluations.Add(e.Result);
        trial.Metrics = trial.Metrics with { KnnTop1 = e.Result.KnnTop1, LinearTop1 = e.Result.LinearTop1, ZStd = e.Result.ZStd ?? trial.Metrics.ZStd };
        if (e.Step >= trial.Steps)
        {
            trial.State = TrialState.Completed;
        }
        else
        {
            var spec = TrialSpec(trial);
            var goesOn = S.Rungs.RecordAndDecide(e.Step, trial.Id, e.Result.KnnTop1, spec.Scheduler.ReductionFactor);
            if (goesOn)
            {
                trial.State = TrialState.Pending;
                trial.StopAt = NextStop(spec, e.Step);
            }
            else
            {
                trial.State = TrialState.Stopped;
            }
        }
        await PersistSoon();
    }

    public async Task ReportBaselines(Baselines baselines)
    {
        S.Baselines = baselines;
        await ReleaseBaselineSlot();
        await PersistSoon();
    }

    public async Task ReportBaselinesFailed(string error)
    {
        S.BaselineError = error;
        await ReleaseBaselineSlot();
        await PersistSoon();
    }

    private async Task ReleaseBaselineSlot()
    {
        S.BaselineSilo = null;
        await Directory.Release(TrainerKeys.EvaluationHolder(BaselineKey));
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (S.Spec is null || S.State is SweepState.Completed or SweepState.Cancelled or SweepState.Failed)
        {
            await UnregisterReminder();
            return;
        }
        StartTicking();
    }

    private async Task UnregisterReminder()
    {
        try
        {
            var reminder = await this.GetReminder(ReminderName);
            if (reminder is not null)
                await this.UnregisterReminder(reminder);
        }
        catch (Exception e)
        {
            logger.LogDebug(e, "Could not unregister the reminder of {Sweep}", SweepId);
        }
    }

    private void StartTicking() =>
        ticker ??= this.RegisterGrainTimer(Tick, new GrainTimerCreationOptions(TickPeriod, TickPeriod) { KeepAlive = true, Interleave = false });

    /// <summary>
    /// Brings the next scheduling pass forward to now: a slot was freed or work became ready, and waiting for the
    /// periodic tick would leave the slot idle for up to <see cref="TickPeriod"/>. Calls while a pass is queued or
    /// running fold into one more pass; the periodic tick stays as the safety net.
    /// </summary>
    private void ScheduleNow() => ticker?.Change(TimeSpan.Zero, TickPeriod);

    /// <summary>
    /// A report's change is written by the scheduling pass it brings forward, together with whatever else that pass
    /// changes: one write of the trial table per pass rather than one per report (the table grows with the sweep).
    /// A change lost with this activation is recovered as any lost report is: the trainer keeps its last segment and
    /// the evaluator its result, and both are asked when they fall silent. A finished sweep has no pass to wait for.
    /// </summary>
    private async Task PersistSoon()
    {
        dirty = changed = true;
        if (ticker is null)
            await Persist();
        else
            ScheduleNow();
    }

    /// <summary>A scheduling pass, which timers run outside the call filter: the kept view is dropped around it as around a call.</summary>
    private Task Tick() => MayChangeState(SchedulingPass);

    /// <summary>The scheduling loop: restart trials on dead silos, evaluate, start pending trials, finish.</summary>
    private async Task SchedulingPass()
    {
        if (S.Spec is null)
            return;
        await RecoverFromDeadSilos();
        await CheckSilentTrainers();
        await CheckSilentEvaluators();
        if (S.State == SweepState.Running)
        {
            await StartBaselines();
            await StartEvaluations();
            await StartPendingTrials();
        }
        if (S.State == SweepState.Running && S.Trials.All(t => t.IsTerminal) && (S.Baselines is not null || S.BaselineError is not null))
        {
            S.State = S.Trials.All(t => t.State == TrialState.Failed) ? SweepState.Failed : SweepState.Completed;
            await Finish();
        }
        if (dirty)
            await Persist();
        if (changed)
            await NotifyObservers();
    }

    private async Task Finish()
    {
        S.FinishedAt = DateTimeOffset.UtcNow;
        await Persist();
        await NotifyObservers();
        await GrainFactory.GetGrain<ISweepRegistryGrain>(0).Register(Summary());
        ticker?.Dispose();
        ticker = null;
        await UnregisterReminder();
        logger.LogInformation("Sweep {Sweep} {State}", SweepId, S.State);
    }

    private async Task RecoverFromDeadSilos()
    {
        foreach (var trial in S.Trials.Where(t => t.State == TrialState.Running))
        {
            if (trial.Phase == TrialPhase.Training && trial.Silo is { } silo && IsDead(silo))
            {
                logger.LogWarning("Trial {Trial} lost its silo {Silo}; it will resume from its last checkpoint", trial.Id, silo);
                await Directory.Release(TrainerKeys.TrainerHolder(SweepId, trial.Id));
                trial.State = TrialState.Pending;
                trial.Phase = TrialPhase.None;
                trial.Silo = null;
                trial.Restarts++;
                dirty = changed = true;
            }
            else if (trial.Phase == TrialPhase.Evaluating && trial.EvaluationSilo is { } evalSilo &&
                     (IsDead(evalSilo) || EvaluatingFor(trial.Id) > EvaluationTimeout))
            {
                evaluationStarted.Remove(trial.Id);
                await Directory.Release(TrainerKeys.EvaluationHolder(EvaluationKey(trial.Id, trial.EvaluationStep)));
                trial.Phase = TrialPhase.AwaitingEvaluation;
                trial.EvaluationSilo = null;
                dirty = changed = true;
            }
        }
        if (S.BaselineSilo is { } baselineSilo && S.Baselines is null && IsDead(baselineSilo))
        {
            await ReleaseBaselineSlot();
            S.BaselinesRequested = false;
            dirty = true;
        }
    }

    /// <summary>
    /// Dead when membership says so, or when the silo has been missing from this silo's membership view for a while
    /// (after a full restart the old silos are simply gone; a silo that just joined may not be in the view yet).
    /// </summary>
    /// <summary>How long this activation has seen the trial's evaluation run (after a reactivation: since then).</summary>
    private TimeSpan EvaluatingFor(string trialId)
    {
        evaluationStarted.TryAdd(trialId, DateTimeOffset.UtcNow);
        return DateTimeOffset.UtcNow - evaluationStarted[trialId];
    }

    private bool IsDead(string silo)
    {
        var member = membership.CurrentSnapshot.Members.Values.FirstOrDefault(m => m.SiloAddress.ToParsableString() == silo);
        if (member is not null)
        {
            missingSince.Remove(silo);
            return member.Status is SiloStatus.Dead;
        }
        var now = DateTimeOffset.UtcNow;
        if (!missingSince.TryGetValue(silo, out var since))
            missingSince[silo] = since = now;
        return now - since > MissingSiloGrace;
    }

    /// <summary>
    /// Evaluators report one-way too; an evaluation running for a while is checked: a result the evaluator kept is
    /// applied, and an evaluator that is not running and has none (its activation is gone) is started again.
    /// </summary>
    private async Task CheckSilentEvaluators()
    {
        var now = DateTimeOffset.UtcNow;
        foreach (var trial in S.Trials.Where(t => t.State == TrialState.Running && t.Phase == TrialPhase.Evaluating).ToList())
        {
            var key = "eval:" + trial.Id;
            if (EvaluatingFor(trial.Id) < SilenceBeforeCheck || now - lastHeard.GetValueOrDefault(key, DateTimeOffset.MinValue) < SilenceBeforeCheck)
                continue;
            lastHeard[key] = now;
            EvaluatorStatus status;
            try
            {
                status = await GrainFactory.GetGrain<IEvaluatorGrain>(EvaluationKey(trial.Id, trial.EvaluationStep)).Status().WaitAsync(TimeSpan.FromSeconds(10));
            }
            catch (Exception e)
            {
                logger.LogDebug(e, "Evaluator of {Trial} did not answer", trial.Id);
                continue;
            }
            if (status.Result is { } result && result.Step == trial.EvaluationStep)
            {
                await ReportEvaluated(result);
            }
            else if (!status.Running)
            {
                await Directory.Release(TrainerKeys.EvaluationHolder(EvaluationKey(trial.Id, trial.EvaluationStep)));
                trial.Phase = TrialPhase.AwaitingEvaluation;
                trial.EvaluationSilo = null;
                evaluationStarted.Remove(trial.Id);
                dirty = changed = true;
            }
        }
        if (S.BaselinesRequested && S.Baselines is null && S.BaselineError is null &&
            now - lastHeard.GetValueOrDefault("baselines", now) >= SilenceBeforeCheck)
        {
            lastHeard["baselines"] = now;
            try
            {
                var status = await GrainFactory.GetGrain<IEvaluatorGrain>(BaselineKey).Status().WaitAsync(TimeSpan.FromSeconds(10));
                if (status.Baselines is { } baselines)
                    await ReportBaselines(baselines);
                else if (status.BaselineError is { } error)
                    await ReportBaselinesFailed(error);
                else if (!status.Running)
                {
                    await ReleaseBaselineSlot();
                    S.BaselinesRequested = false;
                    dirty = true;
                }
            }
            catch (Exception e)
            {
                logger.LogDebug(e, "Baseline evaluator of {Sweep} did not answer", SweepId);
            }
        }
        else
        {
            lastHeard.TryAdd("baselines", now);
        }
    }

    /// <summary>
    /// A trainer's reports are one-way; if one was lost (the experiment's silo moved), ask the trainer: a segment it
    /// ended is applied as if reported, and a trainer that is not running any more is started again.
    /// </summary>
    private async Task CheckSilentTrainers()
    {
        var now = DateTimeOffset.UtcNow;
        foreach (var trial in S.Trials.Where(t => t.IsTraining).ToList())
        {
            if (now - lastHeard.GetValueOrDefault(trial.Id, now) < SilenceBeforeCheck)
            {
                lastHeard.TryAdd(trial.Id, now);
                continue;
            }
            lastHeard[trial.Id] = now;
            TrainerStatus status;
            try
            {
                status = await Trainer(trial).Status().WaitAsync(TimeSpan.FromSeconds(10));
            }
            catch (Exception e)
            {
                logger.LogDebug(e, "Trainer of {Trial} did not answer", trial.Id);
                continue;
            }
            if (status.Running)
                continue;
            if (status.LastSegment is { } ended && ended.Fence == trial.Fence)
            {
                await ReportSegmentEnded(ended);
            }
            else
            {
                logger.LogWarning("Trainer of {Trial} is not running and reported no end; restarting it", trial.Id);
                await Directory.Release(TrainerKeys.TrainerHolder(SweepId, trial.Id));
                trial.State = TrialState.Pending;
                trial.Phase = TrialPhase.None;
                trial.Restarts++;
                dirty = changed = true;
            }
        }
    }

    private string Accelerator => SpecNames.Of(S.Spec!.Resources.Accelerator);
    private const string BaselineKeySuffix = "baselines";
    private string BaselineKey => $"{SweepId}/{BaselineKeySuffix}";
    private string EvaluationKey(string trialId, long step) => $"{SweepId}/{trialId}/{step}";

    private async Task StartBaselines()
    {
        if (S.BaselinesRequested || S.Baselines is not null)
            return;
        var holder = TrainerKeys.EvaluationHolder(BaselineKey);
        if (await Reserve(holder) is not { } silo)
            return;
        await OnSlot(holder, silo, async () =>
        {
            await GrainFactory.GetGrain<IEvaluatorGrain>(BaselineKey).EvaluateBaselines(SweepId, S.Spec!);
            S.BaselinesRequested = true;
            S.BaselineSilo = silo;
            dirty = true;
        });
    }

    private async Task StartEvaluations()
    {
        var starts = new List<Task>();
        foreach (var trial in S.Trials.Where(t => t.State == TrialState.Running && t.Phase == TrialPhase.AwaitingEvaluation).ToList())
        {
            var key = EvaluationKey(trial.Id, trial.EvaluationStep);
            var holder = TrainerKeys.EvaluationHolder(key);
            if (await Reserve(holder) is not { } silo)
                break;
            starts.Add(OnSlot(holder, silo, async () =>
            {
                await GrainFactory.GetGrain<IEvaluatorGrain>(key).EvaluateCheckpoint(
                    new EvaluationAssignment(SweepId, trial.Id, TrialSpec(trial), trial.Plan.Seed, trial.EvaluationStep));
                trial.Phase = TrialPhase.Evaluating;
                trial.EvaluationSilo = silo;
                evaluationStarted[trial.Id] = DateTimeOffset.UtcNow;
                dirty = changed = true;
            }));
        }
        await Task.WhenAll(starts);
    }

    private async Task StartPendingTrials()
    {
        var room = S.Spec!.MaxConcurrent - S.Trials.Count(t => t.IsTraining);
        var starts = new List<Task>();
        foreach (var trial in S.Trials.Where(t => t.State == TrialState.Pending).Take(Math.Max(0, room)).ToList())
        {
            var holder = TrainerKeys.TrainerHolder(SweepId, trial.Id);
            if (await Reserve(holder) is not { } silo)
                break;
            starts.Add(OnSlot(holder, silo, () => StartTrainer(trial)));
        }
        await Task.WhenAll(starts);
    }

    /// <summary>Starts (or re-targets) the trial's trainer; placement follows the slot reserved in the request context.</summary>
    private async Task StartTrainer(TrialRecord trial)
    {
        // Bounded: a trainer still reading its checkpoint from a slow store answers a later, idempotent Start.
        var started = await Trainer(trial).Start(new TrainerAssignment(SweepId, trial.Id, TrialSpec(trial), trial.Plan.Seed, trial.StopAt))
            .WaitAsync(StartTimeout);
        trial.StepsRedone += Math.Max(0, trial.Step - started.ResumedFromStep);
        trial.Step = started.ResumedFromStep;
        trial.Fence = started.Fence;
        trial.Silo = started.Silo;
        trial.State = TrialState.Running;
        trial.Phase = TrialPhase.Training;
        lastHeard[trial.Id] = DateTimeOffset.UtcNow;
        dirty = changed = true;
    }

    /// <summary>The silo of a slot reserved for <paramref name="holder"/>, or null when no slot is free.</summary>
    private Task<string?> Reserve(string holder) => Directory.Reserve(Accelerator, holder);

    /// <summary>
    /// Makes <paramref name="call"/> with the new activation placed on <paramref name="silo"/>, whose slot was reserved
    /// for <paramref name="holder"/>; a call that fails gives the slot back, and the work stays pending for the next
    /// pass. Reservations are made one at a time, the calls that start work on the reserved slots run side by side
    /// (each call has its own request context).
    /// </summary>
    private async Task OnSlot(string holder, string silo, Func<Task> call)
    {
        RequestContext.Set(SlotPlacementDirector.TargetSiloKey, silo);
        try
        {
            await call();
        }
        catch (Exception e)
        {
            logger.LogInformation("{Holder} could not start on {Silo}: {Reason}; it stays pending", holder, silo, e.Message);
            await Directory.Release(holder);
        }
        finally
        {
            RequestContext.Remove(SlotPlacementDirector.TargetSiloKey);
        }
    }

    private ITrainerGrain Trainer(TrialRecord trial) =>
        GrainFactory.GetGrain<ITrainerGrain>(TrainerKeys.TrainerGrainKey(SweepId, trial.Id));

    private TrialRecord? Find(string trialId) => S.Trials.FirstOrDefault(t => t.Id == trialId);

    private async Task Persist()
    {
        changed = true;
        await state.WriteStateAsync();
        dirty = false;
    }

    private async Task NotifyObservers()
    {
        changed = false;
        if (observers.Count == 0)
            return;
        var view = SweepViewBuilder.Build(SweepId, S);
        foreach (var observer in observers.Keys.ToList())
        {
            try
            {
                await observer.OnSweepChanged(view).WaitAsync(TimeSpan.FromSeconds(5));
            }
            catch (Exception)
            {
                observers.Remove(observer);
            }
        }
    }

    private static async Task TryCall(Func<Task> call)
    {
        try { await call(); }
        catch (Exception) { /* the trial is being cancelled; an unreachable trainer is stopped by its silo's death */ }
    }

    private SweepSummary Summary() => new(SweepId, S.Spec?.Name ?? SweepId, S.State, S.Trials.Count,
        S.Trials.Count(t => t.State == TrialState.Completed), S.SubmittedAt);
}
