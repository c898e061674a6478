using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Byol.Model.Networks;

/// <summary>
/// Initial weights drawn from a generator the caller owns, never from libtorch's global one: a network built from a
/// seed is the same network whatever other threads of the process draw meanwhile (trials and evaluations building
/// models side by side on one silo, tests running in parallel). TorchSharp's layers draw default weights from the
/// global generator as they are built; these overwrite every one of them. They call the tensor's own
/// <c>normal_</c>/<c>uniform_</c>: TorchSharp 0.107's <c>nn.init.normal_</c> and <c>nn.init.uniform_</c> take a
/// generator and draw from the global one all the same.
/// </summary>
internal static class InitialWeights
{
    /// <summary>
    /// He et al.'s normal initialization over the fan-out, for convolutions followed by ReLU, as torchvision's ResNet:
    /// N(0, 2 / (output channels x kernel area)); a bias, if any, as <see cref="PyTorchDefault"/>'s.
    /// </summary>
    public static void KaimingNormalFanOut(Conv2d conv, Generator generator)
    {
        using var _ = no_grad();
        var weight = conv.weight!;
        var fanOut = weight.shape[0] * weight.shape[2] * weight.shape[3];
        weight.normal_(0, Math.Sqrt(2.0 / fanOut), generator);
        if (conv.bias is { } bias)
            UniformFanIn(bias, weight.shape[1] * weight.shape[2] * weight.shape[3], generator);
    }

    /// <summary>PyTorch's default for a linear layer: weight and bias uniform in ±1/sqrt(fan-in) (kaiming_uniform_ with a = sqrt 5).</summary>
    public static void PyTorchDefault(Linear linear, Generator generator)
    {
        using var _ = no_grad();
        var weight = linear.weight!;
        UniformFanIn(weight, weight.shape[1], generator);
        if (linear.bias is { } bias)
            UniformFanIn(bias, weight.shape[1], generator);
    }

    private static void UniformFanIn(Tensor tensor, long fanIn, Generator generator)
    {
        var bound = 1 / Math.Sqrt(fanIn);
        tensor.uniform_(-bound, bound, generator);
    }
}
