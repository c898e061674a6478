using Byol.Contracts.Grains;
using Byol.Contracts.Specs;
using Byol.Contracts.Sweeps;
using Byol.Grains.Checkpoints;
using Byol.Grains.Data;
using Byol.Grains.Slots;
using Byol.Grains.Training;
using Byol.Model.Evaluation;
using Byol.Model.Runtime;
using Byol.Model.Training;
using Microsoft.Extensions.Logging;

namespace Byol.Grains.Evaluation;

/// <summary>
/// kNN top-1, linear-probe top-1 and z_std of a trial's checkpoint on the sweep's eval split, and the sweep's
/// baselines (random-init encoder, raw pixels), each on a dedicated thread on this silo's device.
/// </summary>
public sealed class TorchTrialScorer(
    LocalSlots slots,
    ICheckpointStore store,
    DatasetCache datasets,
    ILogger<EvaluatorGrain> logger) : ITrialScorer
{
    public async Task<EvaluationPoint> ScoreCheckpoint(EvaluationAssignment work)
    {
        var checkpoint = await ReadCheckpoint(work);
        return await DedicatedThread.Run($"byol-eval {work.SweepId}/{work.TrialId}", () => Score(work, checkpoint));
    }

    public Task<Baselines> ScoreBaselines(string sweepId, SweepSpec spec) =>
        DedicatedThread.Run($"byol-baselines {sweepId}", () => ScoreBaselines(spec));

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
