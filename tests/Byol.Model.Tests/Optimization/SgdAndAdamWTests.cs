using Byol.Model.Optimization;
using static Byol.Model.Tests.Optimization.OptimizerTestParameters;

namespace Byol.Model.Tests.Optimization;

public sealed class SgdAndAdamWTests
{
    private static readonly float[,] StartWeight = { { 3, 0 }, { 0, 4 } };
    private static readonly float[] StartBias = [1, -2];
    private static readonly float[,] WeightGrad = { { 0.3f, 0f }, { 0f, 0.4f } };
    private static readonly float[] BiasGrad = [0.5f, 0.25f];

    [Fact]
    public void Sgd_two_steps_match_hand_computed_values()
    {
        var options = new OptimizerOptions { Name = "sgd", WeightDecay = 0.1, Momentum = 0.9 };
        using var p = new OptimizerTestParameters(StartWeight, StartBias);
        using var optimizer = TrainingOptimizers.Create(options, p.Named);

        // Step 1: u = gW + 0.1 W = diag(0.6, 0.8), W = diag(3 - 0.06, 4 - 0.08); bias undecayed: b - 0.1 gb.
        p.SetGradients(optimizer, WeightGrad, BiasGrad);
        optimizer.Step(0.1);
        AssertClose([2.94f, 0f, 0f, 3.92f], p.Weight);
        AssertClose([0.95f, -2.025f], p.Bias);

        // Step 2: u = diag(0.3 + 0.294, 0.4 + 0.392) = diag(0.594, 0.792); v = 0.9 diag(0.6, 0.8) + u = diag(1.134, 1.512);
        // W = diag(2.94 - 0.1134, 3.92 - 0.1512). Bias: v = 1.9 gb = (0.95, 0.475), b = (0.855, -2.0725).
        p.SetGradients(optimizer, WeightGrad, BiasGrad);
        optimizer.Step(0.1);
        AssertClose([2.8266f, 0f, 0f, 3.7688f], p.Weight);
        AssertClose([0.855f, -2.0725f], p.Bias);
    }

    [Fact]
    public void AdamW_steps_match_hand_computed_values()
    {
        var options = new OptimizerOptions { Name = "adamw", WeightDecay = 0.1, Beta1 = 0.9, Beta2 = 0.999, Epsilon = 1e-8 };
        using var p = new OptimizerTestParameters(StartWeight, StartBias);
        using var optimizer = TrainingOptimizers.Create(options, p.Named);

        // Step 1: bias-corrected m = g, v = g^2, so the step is lr * g / (|g| + eps) = 0.1 sign(g) (0 where g = 0).
        // Weight decayed first: W (1 - 0.1 * 0.1) = diag(2.97, 3.96), then minus 0.1: diag(2.87, 3.86). Bias: b - 0.1.
        p.SetGradients(optimizer, WeightGrad, BiasGrad);
        optimizer.Step(0.1);
        AssertClose([2.87f, 0f, 0f, 3.86f], p.Weight, 1e-5);
        AssertClose([0.9f, -2.1f], p.Bias, 1e-5);

        // Step 2 on the bias with g = (-0.5, 0.25):
        // b0: m = 0.9 * 0.05 - 0.05 = -0.005, m^ = -0.005 / 0.19 = -1/38; v = 0.999 * 0.00025 + 0.00025 = 0.00049975,
        //     v^ = 0.00049975 / 0.001999 = 0.25, step = 0.1 * (-1/38) / 0.5 = -1/190: b0 = 0.9 + 1/190.
        // b1: same gradient twice, m^ = g, v^ = g^2: b1 = -2.1 - 0.1.
        p.SetGradients(optimizer, WeightGrad, [-0.5f, 0.25f]);
        optimizer.Step(0.1);
        AssertClose([0.9f + (1f / 190f), -2.2f], p.Bias, 1e-5);
        Assert.Equal(2, optimizer.StepCount);
    }

    [Fact]
    public void Unknown_optimizer_name_is_rejected_with_the_valid_names()
    {
        using var p = new OptimizerTestParameters(StartWeight, StartBias);
        var error = Assert.Throws<ArgumentException>(() => TrainingOptimizers.Create(new OptimizerOptions { Name = "adam" }, p.Named));
        Assert.Contains("lars, sgd, adamw", error.Message, StringComparison.Ordinal);
    }
}
