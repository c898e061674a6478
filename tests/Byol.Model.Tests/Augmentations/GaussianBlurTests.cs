using Byol.Model.Augmentations;
using TorchSharp;
using static Byol.Model.Tests.Augmentations.AugmentationTestData;
using static TorchSharp.torch;

namespace Byol.Model.Tests.Augmentations;

public sealed class GaussianBlurTests
{
    [Theory]
    [InlineData(224, 23)]
    [InlineData(96, 11)]
    [InlineData(64, 7)]
    [InlineData(32, 3)]
    [InlineData(28, 3)]
    public void Kernel_is_the_papers_23_at_224_scaled_odd_and_at_least_3(int outputSize, int kernel)
    {
        Assert.Equal(kernel, GaussianBlur.KernelSizeFor(outputSize));
    }

    [Fact]
    public void Each_image_is_blurred_with_its_own_sigma()
    {
        using var scope = torch.NewDisposeScope();
        var image = Noise(1, 3, 16, 16);
        var images = image.expand(2, 3, 16, 16).contiguous();

        var blurred = GaussianBlur.Blur(images, torch.tensor(new float[] { 0.1f, 2f }), 7);

        // sigma 0.1: the kernel is a delta; sigma 2: strongly smoothed.
        Assert.True(MaxAbsDifference(blurred[0], image[0]) < 1e-5);
        Assert.True(blurred[1].var().item<float>() < image.var().item<float>() * 0.3);
    }

    [Fact]
    public void A_constant_image_stays_constant()
    {
        using var scope = torch.NewDisposeScope();
        var images = torch.full([3, 3, 9, 9], 0.3f);

        var blurred = GaussianBlur.Blur(images, torch.tensor(new float[] { 0.5f, 1f, 2f }), 5);

        Assert.True(MaxAbsDifference(blurred, images) < 1e-6);
    }
}
