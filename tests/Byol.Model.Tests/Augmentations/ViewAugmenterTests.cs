using Byol.Model.Augmentations;
using TorchSharp;
using static Byol.Model.Tests.Augmentations.AugmentationTestData;
using static TorchSharp.torch;

namespace Byol.Model.Tests.Augmentations;

public sealed class ViewAugmenterTests
{
    [Fact]
    public void Same_seed_gives_identical_views_and_a_different_seed_does_not()
    {
        using var scope = torch.NewDisposeScope();
        var images = Noise(16, 3, 40, 40);
        var augmenter = new ViewAugmenter(ViewOptions.PaperView2 with { SolarizeProbability = 0.5 }, 32);

        var first = augmenter.Apply(images, new Generator(42));
        var again = augmenter.Apply(images, new Generator(42));
        var other = augmenter.Apply(images, new Generator(43));

        Assert.Equal(0f, MaxAbsDifference(first, again));
        Assert.False(first.allclose(other));
    }

    [Fact]
    public void Drawing_first_and_applying_later_on_another_thread_gives_the_same_views()
    {
        using var scope = torch.NewDisposeScope();
        var images = Noise(16, 3, 40, 40);
        var view1 = new ViewAugmenter(ViewOptions.PaperView1, 32);
        var view2 = new ViewAugmenter(ViewOptions.PaperView2, 32);
        var together = new Generator(7);
        var expected1 = view1.Apply(images, together);
        var expected2 = view2.Apply(images, together);

        var split = new Generator(7);
        var draws1 = ViewAugmenter.Draw(split, 16);
        var draws2 = ViewAugmenter.Draw(split, 16);
        Tensor? applied2 = null;
        var other = new Thread(() => applied2 = view2.Apply(images, draws2).DetachFromDisposeScope());
        other.Start();
        var applied1 = view1.Apply(images, draws1);
        other.Join();

        Assert.Equal(0f, MaxAbsDifference(expected1, applied1));
        Assert.Equal(0f, MaxAbsDifference(expected2, applied2!));
        Assert.Equal(together.get_state().data<byte>().ToArray(), split.get_state().data<byte>().ToArray());
        applied2!.Dispose();
    }

    [Fact]
    public void Restoring_the_generator_state_replays_the_same_view()
    {
        using var scope = torch.NewDisposeScope();
        var images = Noise(8, 3, 32, 32);
        var augmenter = new ViewAugmenter(ViewOptions.PaperView1, 32);
        var generator = new Generator(5);
        augmenter.Apply(images, generator);
        var state = generator.get_state();

        var next = augmenter.Apply(images, generator);
        generator.set_state(state);
        var replayed = augmenter.Apply(images, generator);

        Assert.Equal(0f, MaxAbsDifference(next, replayed));
    }

    [Fact]
    public void Output_is_float32_in_unit_range_with_the_requested_shape_on_the_input_device()
    {
        using var scope = torch.NewDisposeScope();
        var bytes = Noise(12, 3, 48, 40).mul(255).to_type(ScalarType.Byte);
        var augmenter = new ViewAugmenter(ViewOptions.PaperView2 with { SolarizeProbability = 1 }, 24);

        var view = augmenter.Apply(bytes, new Generator(1));

        Assert.Equal(new long[] { 12, 3, 24, 24 }, view.shape);
        Assert.Equal(ScalarType.Float32, view.dtype);
        Assert.Equal(bytes.device.ToString(), view.device.ToString());
        Assert.True(view.min().item<float>() >= 0);
        Assert.True(view.max().item<float>() <= 1);
    }

    [Fact]
    public void Uint8_input_is_scaled_to_unit_range()
    {
        using var scope = torch.NewDisposeScope();
        var floats = Noise(2, 3, 8, 8).mul(255).round().div(255);
        var bytes = floats.mul(255).round().to_type(ScalarType.Byte);
        var augmenter = new ViewAugmenter(NoOp, 8);

        var view = augmenter.Apply(bytes, new Generator(1));

        Assert.True(MaxAbsDifference(view, floats) < 1e-5);
    }

    [Fact]
    public void Apply_leaks_no_tensor_into_the_callers_scope()
    {
        using var outer = torch.NewDisposeScope();
        var images = Noise(4, 3, 16, 16);
        var before = outer.DisposablesCount;

        var view = new ViewAugmenter(ViewOptions.PaperView2, 16).Apply(images, new Generator(3));

        Assert.Equal(before + 1, outer.DisposablesCount);
        Assert.False(view.IsInvalid);
    }

    [Theory]
    [InlineData("bicubic")]
    [InlineData("bilinear")]
    public void All_probabilities_zero_with_a_full_square_crop_returns_the_input(string interpolation)
    {
        using var scope = torch.NewDisposeScope();
        var images = Noise(4, 3, 20, 20);

        var view = new ViewAugmenter(NoOp with { Interpolation = interpolation }, 20).Apply(images, new Generator(9));

        Assert.True(MaxAbsDifference(view, images) < 1e-5);
    }

    [Theory]
    [InlineData("bicubic", InterpolationMode.Bicubic)]
    [InlineData("bilinear", InterpolationMode.Bilinear)]
    public void All_probabilities_zero_resizes_like_torch_interpolate(string interpolation, InterpolationMode mode)
    {
        using var scope = torch.NewDisposeScope();
        var images = Noise(3, 3, 16, 16);

        var up = new ViewAugmenter(NoOp with { Interpolation = interpolation }, 40).Apply(images, new Generator(9));
        var down = new ViewAugmenter(NoOp with { Interpolation = interpolation }, 10).Apply(images, new Generator(9));

        var expectedUp = nn.functional.interpolate(images, [40, 40], mode: mode, align_corners: false).clamp(0, 1);
        var expectedDown = nn.functional.interpolate(images, [10, 10], mode: mode, align_corners: false).clamp(0, 1);
        Assert.True(MaxAbsDifference(up, expectedUp) < 1e-5);
        Assert.True(MaxAbsDifference(down, expectedDown) < 1e-5);
    }

    [Theory]
    [InlineData("bicubic")]
    [InlineData("bilinear")]
    public void Flip_with_probability_one_and_a_full_crop_mirrors_the_image(string interpolation)
    {
        using var scope = torch.NewDisposeScope();
        var images = Noise(4, 3, 12, 12);
        var options = NoOp with { FlipProbability = 1, Interpolation = interpolation };

        var view = new ViewAugmenter(options, 12).Apply(images, new Generator(2));

        Assert.True(MaxAbsDifference(view, images.flip(3)) < 1e-5);
    }

    [Fact]
    public void Images_of_one_batch_get_different_crops()
    {
        using var scope = torch.NewDisposeScope();
        var images = Noise(1, 3, 32, 32).expand(8, 3, 32, 32).contiguous();
        var cropOnly = NoOp with { CropAreaMin = 0.08, AspectMin = 3.0 / 4, AspectMax = 4.0 / 3 };

        var view = new ViewAugmenter(cropOnly, 32).Apply(images, new Generator(11));

        for (var i = 0; i < 8; i++)
        {
            for (var j = i + 1; j < 8; j++)
            {
                Assert.True(MaxAbsDifference(view[i], view[j]) > 1e-3, $"images {i} and {j} share a crop");
            }
        }
    }

    [Fact]
    public void Flip_is_drawn_per_image()
    {
        using var scope = torch.NewDisposeScope();
        var images = Noise(1, 3, 16, 16).expand(64, 3, 16, 16).contiguous();

        var view = new ViewAugmenter(NoOp with { FlipProbability = 0.5 }, 16).Apply(images, new Generator(4));

        var flipped = Enumerable.Range(0, 64).Count(i => MaxAbsDifference(view[i], images[0].flip(2)) < 1e-5);
        var kept = Enumerable.Range(0, 64).Count(i => MaxAbsDifference(view[i], images[0]) < 1e-5);
        Assert.Equal(64, flipped + kept);
        Assert.InRange(flipped, 16, 48);
    }

    [Fact]
    public void One_channel_images_work_with_every_op_enabled()
    {
        using var scope = torch.NewDisposeScope();
        var images = Noise(6, 1, 28, 28);
        var everything = ViewOptions.PaperView1 with { JitterProbability = 1, GrayscaleProbability = 1, SolarizeProbability = 1 };

        var view = new ViewAugmenter(everything, 32).Apply(images, new Generator(8));

        Assert.Equal(new long[] { 6, 1, 32, 32 }, view.shape);
        Assert.True(view.min().item<float>() >= 0 && view.max().item<float>() <= 1);
    }

    [Fact]
    public void Grayscale_with_probability_one_gives_equal_channels_holding_the_luma()
    {
        using var scope = torch.NewDisposeScope();
        var images = Noise(4, 3, 8, 8);
        var luma = (images[.., 0] * 0.299) + (images[.., 1] * 0.587) + (images[.., 2] * 0.114);

        var view = new ViewAugmenter(NoOp with { GrayscaleProbability = 1 }, 8).Apply(images, new Generator(1));

        for (var c = 0; c < 3; c++)
        {
            Assert.True(MaxAbsDifference(view[.., c], luma) < 1e-5);
        }
    }

    [Fact]
    public void Solarize_with_probability_one_inverts_pixels_at_or_above_one_half()
    {
        using var scope = torch.NewDisposeScope();
        var pixels = new float[] { 0f, 0.25f, 0.375f, 0.5f, 0.625f, 0.75f, 0.875f, 1f, 0.125f };
        var expected = new float[] { 0f, 0.25f, 0.375f, 0.5f, 0.375f, 0.25f, 0.125f, 0f, 0.125f };
        var images = torch.tensor(pixels).view(1, 1, 3, 3);

        var direct = Solarize.Invert(images);
        var view = new ViewAugmenter(NoOp with { SolarizeProbability = 1 }, 3).Apply(images, new Generator(1));

        Assert.Equal(expected, direct.data<float>().ToArray());
        Assert.True(MaxAbsDifference(view, torch.tensor(expected).view(1, 1, 3, 3)) < 1e-5);
    }

    [Fact]
    public void Solarize_probability_is_drawn_per_image()
    {
        using var scope = torch.NewDisposeScope();
        var images = torch.full([200, 1, 2, 2], 0.75f);

        var view = new ViewAugmenter(NoOp with { SolarizeProbability = 0.2 }, 2).Apply(images, new Generator(6));

        var solarized = view.mean([1, 2, 3]).lt(0.5f).sum().item<long>();
        Assert.InRange(solarized, 20, 60);
    }

    [Fact]
    public void Blur_with_probability_one_keeps_the_mean_and_lowers_the_variance()
    {
        using var scope = torch.NewDisposeScope();
        var images = Noise(8, 3, 32, 32);
        var blurOnly = NoOp with { BlurProbability = 1, BlurSigmaMin = 1, BlurSigmaMax = 2 };

        var view = new ViewAugmenter(blurOnly, 32).Apply(images, new Generator(3));

        var meanShift = (view.mean([1, 2, 3]) - images.mean([1, 2, 3])).abs().max().item<float>();
        Assert.True(meanShift < 0.01, $"mean moved by {meanShift}");
        Assert.True((view.var([1, 2, 3]) < images.var([1, 2, 3]) * 0.5).all().item<bool>());
    }
}
