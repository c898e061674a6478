using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Byol.Model.Tests.Optimization;

/// <summary>A 2x2 weight and a 2-vector bias whose gradients the tests set exactly.</summary>
internal sealed class OptimizerTestParameters : IDisposable
{
    public OptimizerTestParameters(float[,] weight, float[] bias)
    {
        Weight = new Parameter(torch.tensor(weight));
        Bias = new Parameter(torch.tensor(bias));
    }

    public Parameter Weight { get; }

    public Parameter Bias { get; }

    public IReadOnlyList<(string Name, Parameter Parameter)> Named => [("fc.weight", Weight), ("fc.bias", Bias)];

    /// <summary>Zeroes the gradients through the optimizer, then makes them exactly the given values by backward.</summary>
    public void SetGradients(Byol.Model.Optimization.ITrainingOptimizer optimizer, float[,] weightGrad, float[] biasGrad)
    {
        optimizer.ZeroGrad();
        using var scope = torch.NewDisposeScope();
        var loss = Weight.mul(torch.tensor(weightGrad)).sum().add(Bias.mul(torch.tensor(biasGrad)).sum());
        loss.backward();
    }

    public static void AssertClose(float[] expected, Tensor actual, double tolerance = 1e-6)
    {
        var values = actual.detach().cpu().data<float>().ToArray();
        Assert.Equal(expected.Length, values.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - values[i]) <= tolerance, $"element {i}: expected {expected[i]}, got {values[i]}");
        }
    }

    public void Dispose()
    {
        Weight.Dispose();
        Bias.Dispose();
    }
}
