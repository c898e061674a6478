using Byol.Contracts.Grains;
using Byol.Contracts.Sweeps;
using Byol.Grains.Checkpoints;
using Byol.Grains.Placement;
using Byol.Grains.Slots;
using Byol.Grains.Telemetry;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace Byol.Grains.Training;

/// <summary>
/// Trains one trial on this silo's slot. Thin: it holds the slot, the fence and the checkpoint pointer, and relays
/// what the training thread reports; the model code does the work (<see cref="TrainingSession"/>, made by the silo's
/// <see cref="ITrainingSessionFactory"/>).
/// </summary>
[SlotPlacement]
public sealed class TrainerGrain(
    [PersistentState("trainer", StorageNames.Grains)] IPersistentState<TrainerGrainState> state,
    LocalSlots slots,
    ICheckpointStore store,
    ITrainingSessionFactory sessions,
    ILocalSiloDetails silo,
    ByolMetrics telemetry,
    ILogger<TrainerGrain> logger) : Grain, ITrainerGrain
{
    public static readonly TimeSpan ReportPeriod = TimeSpan.FromSeconds(2);
    private ITrainingSession? session;
    private TrainerAssignment? assignment;
    private IGrainTimer? pump;
    private readonly List<CurvePoint> pendingCurve = [];
    private Model.Training.TrainingMetrics? latestMetrics;
    private long lastReportedStep;
    private bool pointerChanged;
    /// <summary>Training loss at each stored checkpoint: the score that picks the best one to keep.</summary>
    private readonly Dictionary<long, double> lossAtCheckpoint = [];

    private string SiloName => silo.SiloAddress.ToParsableString();
    private string Holder => TrainerKeys.Prefix + this.GetPrimaryKeyString();

    public async Task<TrainerStarted> Start(TrainerAssignment work)
    {
        if (session is not null)
        {
            if (assignment?.StopAt == work.StopAt && assignment.Spec.Train.Steps == work.Spec.Train.Steps)
                return new TrainerStarted(state.State.Fence, SiloName, session.Step);
            session.Cancel();
            await session.Completion.WaitAsync(TimeSpan.FromSeconds(30));
            DrainEvents();
            session.Dispose();
            session = null;
        }
        if (!slots.TryAcquire(Holder))
        {
            DeactivateOnIdle();
            throw new SlotUnavailableException($"silo {SiloName} has no free {slots.Accelerator} slot ({slots.Capacity} in use)");
        }
        telemetry.SlotsInUse(slots.Holders.Count);
        try
        {
            state.State.Fence++;
            state.State.Activations++;
            await state.WriteStateAsync();
            var latest = await store.ReadLatestAsync(work.SweepId, work.TrialId, CancellationToken.None);
            foreach (var skipped in latest?.SkippedCorrupt ?? [])
                logger.LogWarning("Checkpoint {Key} is corrupt; resuming from an earlier one", skipped.Key);
            assignment = work;
            lastReportedStep = latest?.Reference.Step ?? 0;
            session = sessions.Create(work, latest, state.State.Fence);
            session.Start();
            pump = this.RegisterGrainTimer(Pump, new GrainTimerCreationOptions(ReportPeriod, ReportPeriod) { KeepAlive = true, Interleave = false });
            PumpWhenEnded(session).Ignore();
            logger.LogInformation("Trial {Key} starts on {Silo} at step {Step} (fence {Fence})", this.GetPrimaryKeyString(), SiloName, lastReportedStep, state.State.Fence);
            return new TrainerStarted(state.State.Fence, SiloName, latest?.Reference.Step ?? 0);
        }
        catch
        {
            slots.Release(Holder);
            throw;
        }
    }

    public Task<TrainerStatus> Status() => Task.FromResult(new TrainerStatus(
        session is not null, session?.Step ?? state.State.LatestCheckpoint?.Step ?? 0, session?.StopAt ?? 0, SiloName,
        state.State.Fence, state.State.LatestCheckpoint?.Key, latestMetrics?.Loss, state.State.LastSegment));

    public Task Cancel()
    {
        session?.Cancel();
        return Task.CompletedTask;
    }

    public async Task Drain()
    {
        if (session is null)
            return;
        session.Drain();
        await session.Completion.WaitAsync(TimeSpan.FromSeconds(60));
        await Pump();
    }

    private async Task Pump()
    {
        if (session is null || assignment is null)
            return;
        var ended = DrainEvents();
        if (pointerChanged)
        {
            pointerChanged = false;
            await state.WriteStateAsync();
            await PruneOldCheckpoints();
        }
        var experiment = GrainFactory.GetGrain<IExperimentGrain>(assignment.SweepId);
        if (latestMetrics is { } m && (m.Step != lastReportedStep || pendingCurve.Count > 0))
        {
            experiment.ReportProgress(new TrialProgress(assignment.TrialId, state.State.Fence, SiloName, m.Step, assignment.Spec.Train.Steps,
                m.Loss, m.ZStd, m.ImagesPerSecond, m.Tau, m.LearningRate, pendingCurve.ToList())).Ignore();
            pendingCurve.Clear();
            lastReportedStep = m.Step;
        }
        if (ended is null)
            return;
        var report = new TrialSegmentEnded(assignment.TrialId, state.State.Fence, ended.Outcome, ended.Step,
            ended.LastCheckpoint?.Key, ended.Error, 0);
        state.State.LastSegment = report;
        await state.WriteStateAsync();
        experiment.ReportSegmentEnded(report).Ignore();
        pump?.Dispose();
        pump = null;
        session.Dispose();
        session = null;
        slots.Release(Holder);
        telemetry.SlotsInUse(slots.Holders.Count);
        DeactivateOnIdle();
    }

    /// <summary>
    /// The end of a segment is reported at once, not at the next report period: the slot it frees can take the next
    /// trial now. The continuation runs on this activation; the pump tick it brings forward never overlaps another.
    /// </summary>
    private async Task PumpWhenEnded(ITrainingSession ending)
    {
        await ending.Completion;
        if (ReferenceEquals(session, ending))
            pump?.Change(TimeSpan.Zero, ReportPeriod);
    }

    /// <summary>Applies what the training thread queued; returns the end event if the segment ended.</summary>
    private TrainingSessionEvent.Ended? DrainEvents()
    {
        TrainingSessionEvent.Ended? ended = null;
        while (session is not null && session.Events.TryDequeue(out var e))
        {
            switch (e)
            {
                case TrainingSessionEvent.Metrics metrics:
                    telemetry.Trained(metrics.Value, metrics.Value.Step - (latestMetrics?.Step ?? metrics.Value.Step));
                    latestMetrics = metrics.Value;
                    pendingCurve.Add(new CurvePoint(metrics.Value.Step, metrics.Value.Loss, metrics.Value.ZStd));
                    break;
                case TrainingSessionEvent.CheckpointStored stored:
                    if (latestMetrics is { } atCheckpoint)
                        lossAtCheckpoint[stored.Reference.Step] = atCheckpoint.Loss;
                    state.State.LatestCheckpoint = stored.Reference;
                    pointerChanged = true;
                    break;
                case TrainingSessionEvent.Ended end:
                    ended = end;
                    break;
            }
        }
        return ended;
    }

    /// <summary>
    /// Keeps the latest two checkpoints (the newest, and the one to fall back to if it is corrupt) and the best one
    /// by training loss.
    /// </summary>
    private async Task PruneOldCheckpoints()
    {
        try
        {
            await store.PruneAsync(assignment!.SweepId, assignment.TrialId, new RetentionPolicy(KeepLatest: 2, KeepBest: 1, lossAtCheckpoint, HigherIsBetter: false), CancellationToken.None);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Could not prune old checkpoints of {Key}", this.GetPrimaryKeyString());
        }
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (session is not null)
        {
            session.Cancel();
            slots.Release(Holder);
        }
        return Task.CompletedTask;
    }
}
