using Byol.Contracts.Grains;
using Byol.Contracts.Specs;
using Byol.Contracts.Sweeps;
using Byol.Grains.Placement;
using Byol.Grains.Slots;
using Byol.Grains.Training;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace Byol.Grains.Evaluation;

/// <summary>
/// Scores a checkpoint (or the sweep's baselines) on a slot of this silo. The call returns at once; the work (the
/// silo's <see cref="ITrialScorer"/>) runs off the scheduler and its result goes to the experiment grain.
/// </summary>
[SlotPlacement]
public sealed class EvaluatorGrain(
    LocalSlots slots,
    ITrialScorer scorer,
    ILocalSiloDetails silo,
    ILogger<EvaluatorGrain> logger) : Grain, IEvaluatorGrain
{
    private Task? running;
    private TrialEvaluated? lastResult;
    private Baselines? lastBaselines;
    private string? lastBaselineError;

    public Task<EvaluatorStatus> Status() =>
        Task.FromResult(new EvaluatorStatus(running is { IsCompleted: false }, lastResult, lastBaselines, lastBaselineError));

    private string Holder => TrainerKeys.EvaluationHolder(this.GetPrimaryKeyString());

    public Task EvaluateCheckpoint(EvaluationAssignment work)
    {
        if (running is { IsCompleted: false })
            return Task.CompletedTask;
        AcquireSlot();
        var experiment = GrainFactory.GetGrain<IExperimentGrain>(work.SweepId);
        running = Task.Run(async () =>
        {
            TrialEvaluated result;
            try
            {
                var point = await scorer.ScoreCheckpoint(work);
                result = new TrialEvaluated(work.TrialId, work.Step, point, null);
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Evaluation of {Sweep}/{Trial} at step {Step} failed", work.SweepId, work.TrialId, work.Step);
                result = new TrialEvaluated(work.TrialId, work.Step, null, e.Message);
            }
            finally
            {
                slots.Release(Holder);
            }
            lastResult = result;
            await experiment.ReportEvaluated(result);
        });
        return Task.CompletedTask;
    }

    public Task EvaluateBaselines(string sweepId, SweepSpec spec)
    {
        if (running is { IsCompleted: false })
            return Task.CompletedTask;
        AcquireSlot();
        var experiment = GrainFactory.GetGrain<IExperimentGrain>(sweepId);
        running = Task.Run(async () =>
        {
            try
            {
                var baselines = await scorer.ScoreBaselines(sweepId, spec);
                slots.Release(Holder);
                lastBaselines = baselines;
                await experiment.ReportBaselines(baselines);
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Baselines of {Sweep} failed", sweepId);
                slots.Release(Holder);
                lastBaselineError = e.Message;
                await experiment.ReportBaselinesFailed(e.Message);
            }
        });
        return Task.CompletedTask;
    }

    private void AcquireSlot()
    {
        if (slots.TryAcquire(Holder))
            return;
        DeactivateOnIdle();
        throw new SlotUnavailableException($"silo {silo.SiloAddress.ToParsableString()} has no free {slots.Accelerator} slot");
    }
}
