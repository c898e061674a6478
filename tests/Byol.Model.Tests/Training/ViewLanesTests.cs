using Byol.Model.Networks;
using Byol.Model.Tests.Networks;
using Byol.Model.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Byol.Model.Tests.Training;

/// <summary>
/// The BYOL step with its two views on two threads (<see cref="ViewLanes"/>) against the one-thread step: the same
/// trajectory up to float rounding, reproducible to the bit, and its second lane's failures reach the caller.
/// </summary>
public sealed class ViewLanesTests
{
    [Fact]
    public void Lanes_are_used_on_a_cpu_with_two_threads_and_not_when_switched_off()
    {
        OnTwoThreads(() =>
        {
            using var lanes = new TrainingRun(TrainingFixtures.Small(steps: 2, batch: 8), TrainingFixtures.FashionTrain);
            using var sequential = new TrainingRun(TrainingFixtures.Small(steps: 2, batch: 8) with { ViewLanes = false }, TrainingFixtures.FashionTrain);
            lanes.TrainStep();
            sequential.TrainStep();
            Assert.True(lanes.UsesViewLanes);
            Assert.False(sequential.UsesViewLanes);
        });
    }

    [Fact]
    public void Lanes_follow_the_one_thread_step_up_to_rounding()
    {
        OnTwoThreads(() =>
        {
            var options = TrainingFixtures.Small(steps: 4, batch: 32) with { LogEvery = 1 };
            using var lanes = new TrainingRun(options, TrainingFixtures.FashionTrain);
            using var sequential = new TrainingRun(options with { ViewLanes = false }, TrainingFixtures.FashionTrain);
            for (var i = 0; i < 4; i++)
            {
                var a = lanes.TrainStep()!;
                var b = sequential.TrainStep()!;
                Assert.Equal(b.Loss, a.Loss, tolerance: 1e-3);
                Assert.Equal(b.ZStd, a.ZStd, tolerance: 1e-3);
            }
            Assert.True(lanes.UsesViewLanes);
            AssertClose(StateOf(sequential), StateOf(lanes), tolerance: 2e-3);
            // Every batch norm counted both views of every step, as the one-thread step does.
            Assert.All(BatchNorms(lanes), bn => Assert.Equal(8L, bn.num_batches_tracked!.item<long>()));
        });
    }

    [Fact]
    public void Lanes_are_reproducible_to_the_bit()
    {
        OnTwoThreads(() =>
        {
            var options = TrainingFixtures.Small(steps: 3, batch: 32, seed: 5);
            using var first = new TrainingRun(options, TrainingFixtures.FashionTrain);
            using var second = new TrainingRun(options, TrainingFixtures.FashionTrain);
            first.Run(CancellationToken.None);
            second.Run(CancellationToken.None);
            Assert.True(first.UsesViewLanes);
            var (a, b) = (StateOf(first), StateOf(second));
            Assert.Equal(a.Keys, b.Keys);
            foreach (var name in a.Keys)
                Assert.True(Same(a[name], b[name]), $"{name} differs between two identical runs");
        });
    }

    [Fact]
    public void Merged_lane_statistics_are_the_one_thread_updates_in_view_order()
    {
        using var sequential = ScalarSafeBatchNorm.Of1d(6);
        using var laned = ScalarSafeBatchNorm.Of1d(6);
        sequential.train();
        laned.train();
        using var x1 = randn(16, 6) * 3 + 1;
        using var x2 = randn(16, 6) * 0.5 - 2;
        using var y1 = sequential.call(x1);
        using var y2 = sequential.call(x2);

        using var first = new LaneBatchStatistics { View = 1 };
        using var second = new LaneBatchStatistics { View = 2 };
        Tensor z1, z2;
        // The second lane runs first here: the merge orders by view, not by time.
        using (second.Enter())
            z2 = laned.call(x2);
        using (first.Enter())
            z1 = laned.call(x1);
        Assert.Equal(0L, laned.num_batches_tracked!.item<long>());
        LaneBatchStatistics.Merge(first, second);

        Assert.True(Same(y1, z1) && Same(y2, z2), "normalized outputs use the batch's statistics, as before");
        Assert.True(sequential.running_mean!.allclose(laned.running_mean!, rtol: 1e-6, atol: 1e-7));
        Assert.True(sequential.running_var!.allclose(laned.running_var!, rtol: 1e-6, atol: 1e-7));
        Assert.Equal(2L, laned.num_batches_tracked!.item<long>());
        z1.Dispose();
        z2.Dispose();
    }

    [Fact]
    public void A_lane_failure_is_rethrown_to_the_waiter_and_the_lane_keeps_working()
    {
        using var lane = new LaneThread("test-lane", 1);
        lane.Start(() => throw new InvalidOperationException("lane broke"));
        var e = Assert.Throws<InvalidOperationException>(() => lane.Wait());
        Assert.Equal("lane broke", e.Message);
        var ran = false;
        lane.Start(() => ran = true);
        lane.Wait();
        Assert.True(ran);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void A_failure_in_either_lane_reaches_the_caller_and_the_other_lane_is_released(int failingView)
    {
        OnTwoThreads(() =>
        {
            using var networks = ByolNetworks.Create(TrainingFixtures.Small(steps: 1).Network, 1, seed: 3);
            networks.Train();
            using var lanes = ViewLanes.TryCreate(true, networks, new Byol.Model.Objectives.ByolObjective(), CPU)!;
            Assert.NotNull(lanes);
            using var scope = NewDisposeScope();
            var view = randn(4, 1, 28, 28);
            Tensor Make(int v) => v == failingView ? throw new InvalidOperationException($"view {v} failed") : view;
            var e = Assert.Throws<InvalidOperationException>(() => lanes.ForwardBackward(() => Make(1), () => Make(2)));
            Assert.Equal($"view {failingView} failed", e.Message);
            // The lanes still work afterwards.
            var (loss, _) = lanes.ForwardBackward(view, view);
            Assert.True(float.IsFinite(loss.item<float>()));
        });
    }

    /// <summary>Runs <paramref name="test"/> on a thread of its own with two intra-op threads, as a silo's trainer with two cores per slot.</summary>
    private static void OnTwoThreads(Action test) => OwnThread.Run(2, test);

    private static Dictionary<string, Tensor> StateOf(TrainingRun run) => NetworkState.Of(run.Networks);

    private static bool Same(Tensor a, Tensor b)
    {
        using var equal = a.equal(b);
        using var all = equal.all();
        return all.item<bool>();
    }

    private static IEnumerable<ScalarSafeBatchNorm> BatchNorms(TrainingRun run) =>
        run.Networks.Online.modules().Concat(run.Networks.Predictor!.modules()).Concat(run.Networks.Target.modules()).OfType<ScalarSafeBatchNorm>();

    private static void AssertClose(Dictionary<string, Tensor> expected, Dictionary<string, Tensor> actual, double tolerance)
    {
        Assert.Equal(expected.Keys, actual.Keys);
        foreach (var (name, e) in expected)
        {
            if (!e.is_floating_point())
            {
                Assert.True(Same(e, actual[name]), $"{name} differs");
                continue;
            }
            using var scale = e.abs().max();
            using var error = (e - actual[name]).abs().max();
            Assert.True(error.item<float>() <= tolerance * Math.Max(1, scale.item<float>()), $"{name}: max difference {error.item<float>()} (scale {scale.item<float>()})");
        }
    }
}
