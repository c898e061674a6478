using Byol.Model.Networks;
using Byol.Model.Objectives;
using Byol.Model.Optimization;
using Byol.Model.Runtime;
using Byol.Model.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Byol.Model.Tests.Training;

/// <summary>
/// The step's per-parameter work split over the training thread and a lane thread (<see cref="LaneParameterUpdates"/>):
/// an even split, the one-thread result to the bit, and failures on either thread reaching the caller.
/// </summary>
public sealed class LaneParameterUpdatesTests
{
    private static readonly NetworkOptions Small = new() { Encoder = "small-resnet", ProjectorHidden = 64, ProjectorOut = 16, PredictorHidden = 64 };

    [Theory]
    [InlineData(new long[] { 4, 4, 4, 4 }, 2)]
    [InlineData(new long[] { 10, 1, 1 }, 1)]
    [InlineData(new long[] { 1, 1, 10 }, 2)]
    [InlineData(new long[] { 3, 3, 3 }, 2)]
    [InlineData(new long[] { 7 }, 1)]
    [InlineData(new long[0], 0)]
    public void The_calling_thread_takes_the_first_parameters_up_to_the_most_even_split(long[] sizes, int split) =>
        Assert.Equal(split, LaneParameterUpdates.HalfOfTheElements(sizes));

    [Theory]
    [InlineData("lars")]
    [InlineData("sgd")]
    [InlineData("adamw")]
    public void Split_updates_give_the_one_thread_result_to_the_bit(string optimizerName) => OnOneThread(() =>
    {
        using var lane = new LaneThread("test-lane", 1);
        var split = new LaneParameterUpdates(lane);
        var options = new OptimizerOptions { Name = optimizerName, WeightDecay = 1e-2 };
        using var alone = ByolNetworks.Create(Small, 1, seed: 11);
        using var shared = ByolNetworks.Create(Small, 1, seed: 11);
        using var aloneOptimizer = TrainingOptimizers.Create(options, alone.TrainableParameters());
        using var sharedOptimizer = TrainingOptimizers.Create(options, shared.TrainableParameters());
        var aloneTarget = new TargetNetworkUpdate(alone.Online, alone.Target);
        var sharedTarget = new TargetNetworkUpdate(shared.Online, shared.Target);
        using var images = randn([16, 1, 28, 28], generator: new Generator(3));
        for (var step = 0; step < 3; step++)
        {
            Step(alone, aloneOptimizer, aloneTarget, images, ParameterUpdates.OnCallingThread);
            Step(shared, sharedOptimizer, sharedTarget, images, split);
        }
        var (a, b) = (Parameters(alone), Parameters(shared));
        Assert.Equal(a.Keys, b.Keys);
        foreach (var name in a.Keys)
            Assert.True(a[name].equal(b[name]).all().item<bool>(), $"{name} differs");
        Assert.Equal(aloneOptimizer.StepCount, sharedOptimizer.StepCount);
    });

    [Fact]
    public void A_failure_on_either_thread_reaches_the_caller_and_the_lane_stays_usable() => OnOneThread(() =>
    {
        using var lane = new LaneThread("test-lane", 1);
        var split = new LaneParameterUpdates(lane);
        long[] sizes = [1, 1, 1, 1];
        var first = Assert.Throws<InvalidOperationException>(() => split.Run(sizes, i => { if (i == 0) throw new InvalidOperationException("calling"); }));
        Assert.Equal("calling", first.Message);
        var second = Assert.Throws<InvalidOperationException>(() => split.Run(sizes, i => { if (i == 3) throw new InvalidOperationException("lane"); }));
        Assert.Equal("lane", second.Message);
        var threads = new int[sizes.Length];
        split.Run(sizes, i => threads[i] = Environment.CurrentManagedThreadId);
        Assert.Equal(threads[0], threads[1]);
        Assert.Equal(threads[2], threads[3]);
        Assert.NotEqual(threads[0], threads[2]);
        Assert.Equal(Environment.CurrentManagedThreadId, threads[0]);
    });

    /// <summary>Zero the gradients, a backward of the online branch, the optimizer, the target's average, all through <paramref name="updates"/>.</summary>
    private static void Step(ByolNetworks networks, ITrainingOptimizer optimizer, TargetNetworkUpdate target, Tensor images, ParameterUpdates updates)
    {
        using var scope = NewDisposeScope();
        optimizer.ZeroGrad(updates);
        var projection = networks.Online.call(images);
        networks.Predictor!.call(projection).square().sum().backward();
        optimizer.Step(0.05, updates);
        target.Apply(0.9, updates);
    }

    private static Dictionary<string, Tensor> Parameters(ByolNetworks networks) =>
        networks.Online.named_parameters().Select(p => ("online." + p.name, (Tensor)p.parameter))
            .Concat(networks.Predictor!.named_parameters().Select(p => ("predictor." + p.name, (Tensor)p.parameter)))
            .Concat(networks.Target.named_parameters().Select(p => ("target." + p.name, (Tensor)p.parameter)))
            .ToDictionary(p => p.Item1, p => p.Item2);

    /// <summary>Runs <paramref name="test"/> on a thread of its own with one intra-op thread, as each lane of a two-core step.</summary>
    private static void OnOneThread(Action test) => OwnThread.Run(1, test);
}
