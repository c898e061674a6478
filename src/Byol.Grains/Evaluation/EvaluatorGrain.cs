using Byol.Contracts.Grains;
using Byol.Contracts.Specs;
using Byol.Contracts.Sweeps;
using Byol.Grains.Checkpoints;
using Byol.Grains.Data;
using Byol.Grains.Placement;
using Byol.Grains.Slots;
using Byol.Grains.Training;
using Byol.Model.Evaluation;
using Byol.Model.Runtime;
using Byol.Model.Training;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace Byol.Grains.Evaluation;

/// <summary>
/// Scores a checkpoint (or the sweep's baselines) on a slot of this silo. The call returns at once; the work runs on
/// a dedicated thread and its result goes to the experiment grain.
/// </summary>
[SlotPlacement]
public sealed class EvaluatorGrain(
    LocalSlots slots,
    ICheckpointStore store,
    DatasetCache datasets,
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
                var checkpoint = await ReadCheckpoint(work);
                var point = await DedicatedThread.Run($"byol-eval {work.SweepId}/{work.TrialId}", () => Score(work, checkpoint));
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
                var baselines = await DedicatedThread.Run($"byol-baselines {sweepId}", () => ScoreBaselines(spec));
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

    /// <summary>The checkpoint of exactly the requested step when it verifies, else the newest one that does.</summary>
    private async Task<byte[]> ReadCheckpoint(EvaluationAssignment work)
    {
        var listed = await store.ListAsync(work.SweepId, work.TrialId, CancellationToken.None);
        var exact = listed.FirstOrDefault(r => r.Step == work.Step);
        if (exact is not null)
        {
            try
            {
                var loaded = await store.ReadAsync(exact, CancellationToken.None);
                if (loaded is not null)
                    return loaded.Payload;
            }
            catch (CorruptCheckpointException e)
            {
                logger.LogWarning("Checkpoint {Key} is corrupt ({Reason}); evaluating the newest valid one", exact.Key, e.Message);
            }
        }
        var latest = await store.ReadLatestAsync(work.SweepId, work.TrialId, CancellationToken.None)
            ?? throw new InvalidOperationException($"trial {work.SweepId}/{work.TrialId} has no readable checkpoint");
        return latest.Payload;
    }

    private EvaluationPoint Score(EvaluationAssignment work, byte[] checkpoint)
    {
        var device = Device();
        var options = TrialConfiguration.Training(work.Spec, work.Seed);
        using var run = new TrainingRun(options, datasets.Get(TrialConfiguration.TrainData(work.Spec)), device);
        run.Load(new MemoryStream(checkpoint));
        var evaluator = new RepresentationEvaluator(
            datasets.Get(TrialConfiguration.BankData(work.Spec)),
            datasets.Get(TrialConfiguration.EvalData(work.Spec)),
            TrialConfiguration.Evaluation(work.Spec));
        var result = evaluator.Evaluate(run.Networks.Online.Encoder, run.Networks.Online, options.ImageSize, run.Normalization, device);
        logger.LogInformation("Trial {Sweep}/{Trial} at step {Step}: kNN {Knn:P1}, linear {Linear:P1}, z_std {ZStd:F4}",
            work.SweepId, work.TrialId, run.Step, result.KnnTop1, result.LinearTop1, result.ZStd);
        return new EvaluationPoint(run.Step, result.KnnTop1, result.LinearTop1, result.ZStd);
    }

    private Baselines ScoreBaselines(SweepSpec spec)
    {
        var device = Device();
        var train = datasets.Get(TrialConfiguration.TrainData(spec));
        var (mean, std) = train.ChannelStatistics();
        using var normalization = new InputNormalization(mean, std, device);
        var evaluator = new RepresentationEvaluator(
            datasets.Get(TrialConfiguration.BankData(spec)),
            datasets.Get(TrialConfiguration.EvalData(spec)),
            TrialConfiguration.Evaluation(spec));
        var random = evaluator.RandomInit(SpecNames.Of(spec.Model.Encoder), spec.Train.ImageSize, seed: 0, normalization, device);
        var raw = evaluator.RawPixels();
        return new Baselines(new BaselineScores(random.KnnTop1, random.LinearTop1), new BaselineScores(raw.KnnTop1, raw.LinearTop1));
    }

    private TorchSharp.torch.Device Device() => TorchRuntime.SelectDevice(slots.Accelerator == "cuda" ? "cuda" : "cpu");
}
