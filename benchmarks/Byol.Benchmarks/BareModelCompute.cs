using System.Diagnostics;
using Byol.Model.Augmentations;
using Byol.Model.Data;
using Byol.Model.Networks;
using Byol.Model.Objectives;
using Byol.Model.Training;
using static TorchSharp.torch;

namespace Byol.Benchmarks;

/// <summary>
/// The model compute of one BYOL step and nothing else: online forward of two views (encoder, projector, predictor),
/// target forward of both under no_grad, the loss and its backward, on two view tensors made once up front. No data
/// loading, no augmentation, no optimizer, no EMA, no read-back; with the view lanes when the run has them
/// (<see cref="ViewLanes"/>, <c>TrainingOptions.ViewLanes</c>), as the step computes it. A full step can cost no less than this; the
/// <c>overhead</c> command divides the full step by it. Built from the same options and seed as the run it is compared
/// with, as an identical, separate set of networks.
/// </summary>
internal sealed class BareModelCompute : IDisposable
{
    private readonly ByolNetworks _networks;
    private readonly ISelfSupervisedObjective _objective;
    private readonly Tensor _view1;
    private readonly Tensor _view2;
    private readonly bool _targetFirst;
    private readonly bool _viewLanesWanted;
    private ViewLanes? _viewLanes;
    private bool _viewLanesDecided;

    /// <param name="channelsLast">Feed the views in channels_last layout (<see cref="ChannelsLast"/>); default: as
    /// TrainingRun does on the CPU.</param>
    /// <param name="channelsLastWeights">Also store the 4-d weights (convolutions) channels_last, as PyTorch's
    /// <c>model.to(memory_format=torch.channels_last)</c> does.</param>
    /// <param name="targetFirst">Run the target forward before the online forward (its activations are freed before the
    /// online graph allocates its own).</param>
    public BareModelCompute(TrainingOptions options, ImageSet data, bool? channelsLast = null, bool channelsLastWeights = false,
        bool targetFirst = false)
    {
        _networks = ByolNetworks.Create(options.Network, data.Channels, options.Seed, CPU);
        _networks.Train();
        _targetFirst = targetFirst;
        _viewLanesWanted = options.ViewLanes && !targetFirst;
        if (channelsLastWeights)
        {
            using var _ = no_grad();
            foreach (var p in _networks.Online.parameters().Concat(_networks.Target.parameters()))
            {
                if (p.dim() == 4)
                    p.set_(ChannelsLast.Convert(p));
            }
        }
        _objective = SelfSupervisedObjectives.Create(options.Objective, options.Temperature);
        var (mean, std) = data.ChannelStatistics();
        using var normalization = new InputNormalization(mean, std, CPU);
        using var generator = new Generator((ulong)options.Seed);
        using var scope = NewDisposeScope();
        var indices = Enumerable.Range(0, options.BatchSize).Select(i => i % data.Count).ToArray();
        var images = data.ToTensor(indices, CPU);
        var view1 = normalization.Apply(new ViewAugmenter(options.View1, options.ImageSize).Apply(images, generator));
        var view2 = normalization.Apply(new ViewAugmenter(options.View2, options.ImageSize).Apply(images, generator));
        if (channelsLast ?? ChannelsLast.IsUsedOn(CPU))
        {
            view1 = ChannelsLast.Convert(view1);
            view2 = ChannelsLast.Convert(view2);
        }
        _view1 = view1.MoveToOuterDisposeScope();
        _view2 = view2.MoveToOuterDisposeScope();
    }

    /// <summary>One pass; returns its milliseconds. Gradients are zeroed (in place, as the optimizer's ZeroGrad does) before the clock starts.</summary>
    public double Time()
    {
        using (no_grad())
        {
            foreach (var (_, parameter) in _networks.TrainableParameters())
                parameter.grad?.zero_();
        }
        using var scope = NewDisposeScope();
        if (!_viewLanesDecided)
        {
            _viewLanes = ViewLanes.TryCreate(_viewLanesWanted, _networks, _objective, CPU);
            _viewLanesDecided = true;
        }
        var clock = Stopwatch.StartNew();
        if (_viewLanes is not null)
        {
            _viewLanes.ForwardBackward(_view1, _view2);
            return clock.Elapsed.TotalMilliseconds;
        }
        Tensor? t1 = null, t2 = null;
        if (_targetFirst && _objective.NeedsTarget)
            (t1, t2) = TargetForward();
        var z1 = _networks.Online.call(_view1);
        var z2 = _networks.Online.call(_view2);
        var q1 = _networks.Predictor?.call(z1);
        var q2 = _networks.Predictor?.call(z2);
        if (!_targetFirst && _objective.NeedsTarget)
            (t1, t2) = TargetForward();
        _objective.Loss(new ViewPairOutputs(z1, z2, q1, q2, t1, t2)).backward();
        return clock.Elapsed.TotalMilliseconds;
    }

    private (Tensor, Tensor) TargetForward()
    {
        using var _ = no_grad();
        return (_networks.Target.call(_view1), _networks.Target.call(_view2));
    }

    public void Dispose()
    {
        _viewLanes?.Dispose();
        _view1.Dispose();
        _view2.Dispose();
        _networks.Dispose();
    }
}
