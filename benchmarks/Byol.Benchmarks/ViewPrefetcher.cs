using System.Collections.Concurrent;
using Byol.Model.Augmentations;
using Byol.Model.Data;
using Byol.Model.Networks;
using Byol.Model.Training;
using static TorchSharp.torch;

namespace Byol.Benchmarks;

/// <summary>
/// The lever "overlap augmentation with compute": a producer thread makes the next batch's two normalized views while
/// the training thread computes the current step. It owns its own data order, augmenters and generator (seeded as a run
/// seeds them, so it yields the batches the run would make, in the same order). Tensors cross threads without a
/// dispose scope (dispose scopes are per thread): the producer detaches each view from its own scope, and whoever
/// takes a pair from <see cref="Next"/> owns it and disposes it.
/// </summary>
internal sealed class ViewPrefetcher : IDisposable
{
    private readonly BlockingCollection<(Tensor View1, Tensor View2)> _ready = new(boundedCapacity: 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _thread;
    private readonly TrainingOptions _options;
    private readonly ImageSet _data;

    public ViewPrefetcher(TrainingOptions options, ImageSet data)
    {
        _options = options;
        _data = data;
        _thread = new Thread(Produce) { IsBackground = true, Name = "byol-view-prefetch" };
        _thread.Start();
    }

    /// <summary>The next batch's views; blocks until the producer has them. The caller disposes both.</summary>
    public (Tensor View1, Tensor View2) Next() => _ready.Take();

    private void Produce()
    {
        var order = new ShuffledOrder(_data.Count, unchecked((int)_options.Seed));
        var augment1 = new ViewAugmenter(_options.View1, _options.ImageSize);
        var augment2 = new ViewAugmenter(_options.View2, _options.ImageSize);
        using var generator = new Generator((ulong)_options.Seed);
        var (mean, std) = _data.ChannelStatistics();
        using var normalization = new InputNormalization(mean, std, CPU);
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                Tensor view1, view2;
                using (var scope = NewDisposeScope())
                {
                    var images = _data.ToTensor(order.NextBatch(_options.BatchSize), CPU);
                    view1 = normalization.Apply(augment1.Apply(images, generator));
                    view2 = normalization.Apply(augment2.Apply(images, generator));
                    if (ChannelsLast.IsUsedOn(CPU))
                    {
                        view1 = ChannelsLast.Convert(view1);
                        view2 = ChannelsLast.Convert(view2);
                    }
                    view1.DetachFromDisposeScope();
                    view2.DetachFromDisposeScope();
                }
                try
                {
                    _ready.Add((view1, view2), _stop.Token);
                }
                catch (OperationCanceledException)
                {
                    view1.Dispose();
                    view2.Dispose();
                }
            }
        }
        catch (InvalidOperationException) when (_stop.IsCancellationRequested)
        {
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _thread.Join();
        while (_ready.TryTake(out var pair))
        {
            pair.View1.Dispose();
            pair.View2.Dispose();
        }
        _ready.Dispose();
        _stop.Dispose();
    }
}
