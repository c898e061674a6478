using System.Diagnostics;
using Byol.Model.Augmentations;
using Byol.Model.Data;
using Byol.Model.Evaluation;
using Byol.Model.Networks;
using Byol.Model.Objectives;
using Byol.Model.Optimization;
using Byol.Model.Training;
using static TorchSharp.torch;

namespace Byol.Benchmarks;

/// <summary>
/// Byol's training step taken apart with a stopwatch between its pieces. It is built from the same Byol.Model parts
/// as <see cref="TrainingRun.TrainStep"/>, in the same order: batch to tensor and two views (ViewAugmenter.Apply and
/// InputNormalization, channels_last layout), online forward of both views (encoder, projector, predictor), target forward of both views
/// under no_grad, loss + zero_grad + backward, optimizer step, TargetNetworkUpdate.Apply, and the read-back of a
/// reporting step (loss and z_std). CPU ops are synchronous, so wall-clock time between the pieces is the time of each.
/// </summary>
internal sealed class PhasedStep : IDisposable
{
    private readonly TrainingOptions _options;
    private readonly ImageSet _data;
    private readonly ByolNetworks _networks;
    private readonly ISelfSupervisedObjective _objective;
    private readonly ITrainingOptimizer _optimizer;
    private readonly TargetNetworkUpdate _targetUpdate;
    private readonly ViewAugmenter _augment1;
    private readonly ViewAugmenter _augment2;
    private readonly Generator _generator;
    private readonly InputNormalization _normalization;
    private readonly ShuffledOrder _order;
    private readonly double _peakLearningRate;
    private readonly ViewPrefetcher? _prefetcher;
    private long _step;

    /// <param name="prefetch">Take the views from a <see cref="ViewPrefetcher"/> (made on its thread during the previous
    /// step) instead of making them inline; the data phase is then the wait for them.</param>
    public PhasedStep(TrainingOptions options, ImageSet data, bool prefetch = false)
    {
        _options = options;
        _data = data;
        _networks = ByolNetworks.Create(options.Network, data.Channels, options.Seed, CPU);
        _networks.Train();
        _objective = SelfSupervisedObjectives.Create(options.Objective, options.Temperature);
        _optimizer = TrainingOptimizers.Create(options.Optimizer, _networks.TrainableParameters());
        _targetUpdate = new TargetNetworkUpdate(_networks.Online, _networks.Target);
        _augment1 = new ViewAugmenter(options.View1, options.ImageSize);
        _augment2 = new ViewAugmenter(options.View2, options.ImageSize);
        _generator = new Generator((ulong)options.Seed);
        _order = new ShuffledOrder(data.Count, unchecked((int)options.Seed));
        var (mean, std) = data.ChannelStatistics();
        _normalization = new InputNormalization(mean, std, CPU);
        _peakLearningRate = LearningRateSchedule.PeakLearningRate(options.Optimizer.BaseLr, options.BatchSize);
        _prefetcher = prefetch ? new ViewPrefetcher(options, data) : null;
    }

    /// <summary>One step; returns the milliseconds of each phase.</summary>
    public PhaseTimes Step()
    {
        var clock = Stopwatch.StartNew();
        double Lap()
        {
            var ms = clock.Elapsed.TotalMilliseconds;
            clock.Restart();
            return ms;
        }

        using var scope = NewDisposeScope();
        double data, views;
        Tensor view1, view2;
        if (_prefetcher is not null)
        {
            (view1, view2) = _prefetcher.Next();
            scope.Attach(view1);
            scope.Attach(view2);
            data = Lap();
            views = 0;
        }
        else
        {
            var images = _data.ToTensor(_order.NextBatch(_options.BatchSize), CPU);
            data = Lap();
            view1 = _normalization.Apply(_augment1.Apply(images, _generator));
            view2 = _normalization.Apply(_augment2.Apply(images, _generator));
            if (ChannelsLast.IsUsedOn(CPU))
            {
                view1 = ChannelsLast.Convert(view1);
                view2 = ChannelsLast.Convert(view2);
            }
            views = Lap();
        }

        var z1 = _networks.Online.call(view1);
        var z2 = _networks.Online.call(view2);
        var q1 = _networks.Predictor?.call(z1);
        var q2 = _networks.Predictor?.call(z2);
        var onlineForward = Lap();

        Tensor? t1 = null, t2 = null;
        if (_objective.NeedsTarget)
        {
            using var _ = no_grad();
            t1 = _networks.Target.call(view1);
            t2 = _networks.Target.call(view2);
        }
        var targetForward = Lap();

        var loss = _objective.Loss(new ViewPairOutputs(z1, z2, q1, q2, t1, t2));
        var lossMs = Lap();
        _optimizer.ZeroGrad();
        var zeroGrad = Lap();
        loss.backward();
        var backward = Lap();

        var total = _options.Steps;
        _optimizer.Step(LearningRateSchedule.At(_step, total, _options.Optimizer.WarmupSteps, _peakLearningRate));
        var optimizer = Lap();

        if (_objective.NeedsTarget)
            _targetUpdate.Apply(TauSchedule.At(_step, total, _options.TauBase));
        var ema = Lap();

        // What TrainStep reads back on a reporting step (every LogEvery steps): the loss and the collapse metric.
        _ = loss.item<float>();
        _ = CollapseMetric.ZStd(z1.detach());
        var metrics = Lap();
        _step++;
        return new PhaseTimes(data, views, onlineForward, targetForward, lossMs, zeroGrad, backward, optimizer, ema, metrics / _options.LogEvery);
    }

    public void Dispose()
    {
        _prefetcher?.Dispose();
        _optimizer.Dispose();
        _networks.Dispose();
        _normalization.Dispose();
        _generator.Dispose();
    }
}

/// <summary>
/// Milliseconds of each phase of one step. <see cref="MetricsMs"/> is the read-back of a reporting step divided by
/// LogEvery (TrainStep pays it once every LogEvery steps); it is not part of <see cref="StepMs"/>, which stays the sum of
/// the phases the PyTorch reference times.
/// </summary>
internal readonly record struct PhaseTimes(
    double DataMs, double ViewsMs, double OnlineForwardMs, double TargetForwardMs, double LossMs, double ZeroGradMs,
    double BackwardMs, double OptimizerMs, double EmaMs, double MetricsMs)
{
    /// <summary>Batch to tensor, two views, normalization (the PyTorch reference's augment phase).</summary>
    public double AugmentMs => DataMs + ViewsMs;
    /// <summary>Loss, zero_grad and backward (the PyTorch reference's loss_bwd phase).</summary>
    public double LossBackwardMs => LossMs + ZeroGradMs + BackwardMs;
    public double OnlineForwardBackwardMs => OnlineForwardMs + LossBackwardMs;
    public double StepMs => AugmentMs + OnlineForwardMs + TargetForwardMs + LossBackwardMs + OptimizerMs + EmaMs;
}
