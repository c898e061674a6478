using Byol.Model.Networks;
using Byol.Model.Objectives;
using Byol.Model.Runtime;
using static TorchSharp.torch;

namespace Byol.Model.Training;

/// <summary>
/// A BYOL step's forward and backward as two lanes on two threads at once, each with half the intra-op threads: the
/// training thread runs view 1 through the online network and view 2 through the target, takes that half of the
/// loss, L = ‖q̄ − z̄′‖², and back-propagates it; a <see cref="LaneThread"/> does the same for view 2 and view 1
/// (L̃). The two halves share nothing but read-only inputs and the parameters' gradients, which libtorch's autograd
/// accumulates under a lock; each parameter receives one gradient from each lane, and a sum of two does not depend
/// on which came first, so the step stays deterministic. Batch norms update their running statistics per lane and
/// merge them in view order (<see cref="LaneBatchStatistics"/>).
/// <para>On a CPU, libtorch splits each op over its threads and waits at each op's end until all are done; an op too
/// small to split well, a serial stretch between ops or a thread that the OS takes away for a moment leaves the
/// others spinning (12.8 % of a small-resnet step's CPU samples were in libgomp). Two single-threaded lanes wait for
/// each other only three times in a step's forward and backward: the whole step ran 1.01-1.14x faster on two cores, with 12-16 % less CPU
/// (docs/benchmarks.md, 2026-11-30). Only on the CPU, with at least two intra-op threads, and for an objective whose
/// terms separate by view.</para>
/// </summary>
public sealed class ViewLanes : IDisposable
{
    private readonly ByolNetworks networks;
    private readonly IViewSeparableObjective objective;
    private readonly int firstLaneThreads;
    private readonly LaneThread secondLane;

    private ViewLanes(ByolNetworks networks, IViewSeparableObjective objective, int threads)
    {
        this.networks = networks;
        this.objective = objective;
        firstLaneThreads = (threads + 1) / 2;
        secondLane = new LaneThread("byol-view-lane", threads / 2);
        Updates = new LaneParameterUpdates(secondLane);
    }

    /// <summary>
    /// The step's per-parameter work (zeroing gradients, the optimizer, the target's average) over the training thread
    /// and the lane thread, for use on the training thread between <see cref="ForwardBackward(Func{Tensor}, Func{Tensor})"/> calls.
    /// </summary>
    public ParameterUpdates Updates { get; }

    /// <summary>Lanes for this run when they apply (CPU, separable objective, >= 2 intra-op threads on the calling thread), else null.</summary>
    public static ViewLanes? TryCreate(bool wanted, ByolNetworks networks, ISelfSupervisedObjective objective, Device device)
    {
        if (!wanted || device.type != TorchSharp.DeviceType.CPU || objective is not IViewSeparableObjective separable || !separable.NeedsTarget)
            return null;
        var threads = CallingThreadParallelism.Current;
        if (threads < 2 || !CallingThreadParallelism.IsSupported)
            return null;
        return new ViewLanes(networks, separable, threads);
    }

    /// <summary>
    /// Gives the calling thread its lane's share of the intra-op threads until disposed, for a whole step: the rest of
    /// the step (optimizer, EMA) then runs without an OpenMP team as well, whose idle thread would otherwise spin
    /// for milliseconds after each op on a core the lanes use.
    /// </summary>
    public IDisposable OnCallingThread() => CallingThreadParallelism.Use(firstLaneThreads);

    /// <summary>
    /// Forward and backward of both views; gradients accumulate into the parameters' (zeroed) gradients. Returns the
    /// loss L + L̃ (detached) and view 1's online projection, both in the caller's dispose scope.
    /// </summary>
    public (Tensor Loss, Tensor Projection1) ForwardBackward(Tensor view1, Tensor view2) => ForwardBackward(() => view1, () => view2);

    /// <summary>
    /// As <see cref="ForwardBackward(Tensor, Tensor)"/>, each lane first making its own view: <paramref name="makeView1"/>
    /// on the calling thread, <paramref name="makeView2"/> on the lane thread, so the views' augmentation runs in the
    /// lanes too.
    /// </summary>
    public (Tensor Loss, Tensor Projection1) ForwardBackward(Func<Tensor> makeView1, Func<Tensor> makeView2)
    {
        using var firstStatistics = new LaneBatchStatistics();
        var secondStatistics = new LaneBatchStatistics(); // disposed on the lane thread
        using var handoff = new ViewHandoff();
        var secondLoss = 0f;
        secondLane.Start(() =>
        {
            try
            {
                using var scope = NewDisposeScope();
                using var _ = secondStatistics.Enter();
                var view2 = makeView2();
                handoff.PublishView2(view2);
                secondLoss = Half(view2, 2, handoff.AwaitView1, 1, secondStatistics).Loss.item<float>();
                handoff.SecondLaneDone();
                handoff.AwaitMerged(); // this lane's view and statistics are freed on this thread
            }
            catch (Exception e) when (e is not LaneAbandonedException)
            {
                handoff.Abandon();
                throw;
            }
            finally
            {
                secondStatistics.Dispose();
            }
        });

        (Tensor Loss, Tensor Projection) first;
        using var threads = OnCallingThread();
        try
        {
            using var _ = firstStatistics.Enter();
            var view1 = makeView1();
            handoff.PublishView1(view1);
            first = Half(view1, 1, handoff.AwaitView2, 2, firstStatistics);
            handoff.AwaitSecondLaneDone();
            LaneBatchStatistics.Merge(firstStatistics, secondStatistics);
            handoff.Merged();
        }
        catch (Exception e)
        {
            handoff.Abandon();
            try { secondLane.Wait(); }
            catch (Exception second) when (e is LaneAbandonedException && second is not LaneAbandonedException)
            {
                throw; // the second lane's failure, which abandoned this one
            }
            catch (Exception) { /* this lane's failure is the one to report */ }
            throw;
        }
        secondLane.Wait();
        var loss = first.Loss.detach().add(tensor(secondLoss), Scalars.One);
        return (loss, first.Projection);
    }

    /// <summary>One view through the online network, the other through the target, that term of the loss, and its backward.</summary>
    private (Tensor Loss, Tensor Projection) Half(Tensor online, int onlineView, Func<Tensor> target, int targetView,
        LaneBatchStatistics statistics)
    {
        statistics.View = onlineView;
        var projection = networks.Online.call(online);
        var prediction = networks.Predictor?.call(projection) ?? projection;
        Tensor targetProjection;
        statistics.View = targetView;
        using (no_grad())
            targetProjection = networks.Target.call(target());
        var loss = objective.ViewLoss(prediction, targetProjection);
        loss.backward();
        return (loss, projection);
    }

    public void Dispose() => secondLane.Dispose();
}
