using Byol.Model.Optimization;
using TorchSharp;
using static Byol.Model.Tests.Optimization.OptimizerTestParameters;

namespace Byol.Model.Tests.Optimization;

public sealed class LarsOptimizerTests
{
    // W = diag(3, 4), ||W|| = 5; gW = diag(0.3, 0.4); b = (1, -2), gb = (0.5, 0.25).
    // wd 0.1, trust 0.1 (large, so the numbers are visible), momentum 0.9, lr 0.1.
    private static readonly OptimizerOptions Options = new() { Name = "lars", WeightDecay = 0.1, TrustCoefficient = 0.1, Momentum = 0.9 };
    private static readonly float[,] WeightGrad = { { 0.3f, 0f }, { 0f, 0.4f } };
    private static readonly float[] BiasGrad = [0.5f, 0.25f];

    [Fact]
    public void Two_steps_match_hand_computed_trust_ratio_weight_decay_and_momentum()
    {
        using var p = new OptimizerTestParameters(new float[,] { { 3, 0 }, { 0, 4 } }, [1, -2]);
        using var optimizer = TrainingOptimizers.Create(Options, p.Named);

        // Step 1: u = gW + 0.1 W = diag(0.6, 0.8), ||u|| = 1, r = 0.1 * 5 / 1 = 0.5, v = r u = diag(0.3, 0.4),
        // W = W - 0.1 v = diag(2.97, 3.96). Bias: excluded, v = gb, b = (1 - 0.05, -2 - 0.025).
        p.SetGradients(optimizer, WeightGrad, BiasGrad);
        optimizer.Step(0.1);
        AssertClose([2.97f, 0f, 0f, 3.96f], p.Weight);
        AssertClose([0.95f, -2.025f], p.Bias);

        // Step 2: W = 0.99 diag(3, 4), ||W|| = 4.95; u = diag(0.597, 0.796) = 0.995 diag(0.6, 0.8), ||u|| = 0.995,
        // r u = 0.1 * 4.95 * diag(0.6, 0.8) = diag(0.297, 0.396); v = 0.9 diag(0.3, 0.4) + that = diag(0.567, 0.756);
        // W = diag(2.97 - 0.0567, 3.96 - 0.0756). Bias: v = 0.9 gb + gb = (0.95, 0.475), b = (0.855, -2.0725).
        p.SetGradients(optimizer, WeightGrad, BiasGrad);
        optimizer.Step(0.1);
        AssertClose([2.9133f, 0f, 0f, 3.8844f], p.Weight);
        AssertClose([0.855f, -2.0725f], p.Bias);
        Assert.Equal(2, optimizer.StepCount);
    }

    [Fact]
    public void Bias_is_neither_adapted_nor_decayed()
    {
        // A huge weight decay and a tiny trust would change the bias step if it were applied to it.
        var options = Options with { WeightDecay = 100, TrustCoefficient = 1e-6, Momentum = 0 };
        using var p = new OptimizerTestParameters(new float[,] { { 3, 0 }, { 0, 4 } }, [1, -2]);
        using var optimizer = TrainingOptimizers.Create(options, p.Named);
        p.SetGradients(optimizer, WeightGrad, BiasGrad);
        optimizer.Step(1.0);
        AssertClose([0.5f, -2.25f], p.Bias);
    }

    [Fact]
    public void Zero_weight_norm_uses_trust_ratio_one()
    {
        // ||W|| = 0: u = gW + wd * 0 = gW, r = 1, W = -lr gW.
        using var p = new OptimizerTestParameters(new float[,] { { 0, 0 }, { 0, 0 } }, [0, 0]);
        using var optimizer = TrainingOptimizers.Create(Options, p.Named);
        p.SetGradients(optimizer, new float[,] { { 1, 0 }, { 0, -2 } }, [0, 0]);
        optimizer.Step(0.1);
        AssertClose([-0.1f, 0f, 0f, 0.2f], p.Weight);
    }

    [Fact]
    public void Zero_update_norm_leaves_the_weight_unchanged_without_nan()
    {
        using var p = new OptimizerTestParameters(new float[,] { { 3, 0 }, { 0, 4 } }, [1, -2]);
        using var optimizer = TrainingOptimizers.Create(Options with { WeightDecay = 0 }, p.Named);
        p.SetGradients(optimizer, new float[,] { { 0, 0 }, { 0, 0 } }, [0, 0]);
        optimizer.Step(0.1);
        AssertClose([3f, 0f, 0f, 4f], p.Weight);
    }

    [Fact]
    public void Trust_ratio_is_trust_times_norm_ratio_and_one_for_a_zero_norm()
    {
        using var weight = torch.tensor(new float[] { 3, 4 });
        using var update = torch.tensor(new float[] { 0, 2 });
        using var zero = torch.zeros(2);
        using var ratio = LarsOptimizer.TrustRatio(weight, update, 1e-3);
        using var zeroWeight = LarsOptimizer.TrustRatio(zero, update, 1e-3);
        using var zeroUpdate = LarsOptimizer.TrustRatio(weight, zero, 1e-3);
        Assert.Equal(2.5e-3, ratio.item<float>(), 1e-9);
        Assert.Equal(1f, zeroWeight.item<float>());
        Assert.Equal(1f, zeroUpdate.item<float>());
    }
}
