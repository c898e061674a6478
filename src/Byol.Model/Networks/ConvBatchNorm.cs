using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Byol.Model.Networks;

/// <summary>Convolution without bias followed by batch norm: the unit every ResNet block is built from.</summary>
internal static class ConvBatchNorm
{
    public static Sequential Create(long inChannels, long outChannels, long kernel, long stride, bool zeroInitGamma = false)
    {
        var conv = nn.Conv2d(inChannels, outChannels, kernel, stride: stride, padding: kernel / 2, bias: false);
        var bn = ScalarSafeBatchNorm.Of2d(outChannels);
        if (zeroInitGamma)
        {
            using var _ = no_grad();
            bn.weight!.zero_();
        }
        return nn.Sequential(("conv", conv), ("bn", bn));
    }
}
