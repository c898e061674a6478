using Byol.Model.Augmentations;
using TorchSharp;
using static TorchSharp.torch;

namespace Byol.Model.Tests.Augmentations;

internal static class AugmentationTestData
{
    /// <summary>Full-image crop with aspect 1 and every probability 0: a pure resize.</summary>
    public static ViewOptions NoOp { get; } = new()
    {
        CropAreaMin = 1,
        CropAreaMax = 1,
        AspectMin = 1,
        AspectMax = 1,
        FlipProbability = 0,
        JitterProbability = 0,
        GrayscaleProbability = 0,
        BlurProbability = 0,
        SolarizeProbability = 0,
    };

    public static Tensor Noise(long batch, long channels, long height, long width, ulong seed = 7)
    {
        var generator = new Generator(seed);
        return torch.rand([batch, channels, height, width], generator: generator);
    }

    public static float MaxAbsDifference(Tensor a, Tensor b) => (a - b).abs().max().item<float>();
}
