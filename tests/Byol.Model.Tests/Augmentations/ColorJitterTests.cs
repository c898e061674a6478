using Byol.Model.Augmentations;
using TorchSharp;
using static Byol.Model.Tests.Augmentations.AugmentationTestData;
using static TorchSharp.torch;

namespace Byol.Model.Tests.Augmentations;

public sealed class ColorJitterTests
{
    private static readonly ViewOptions JitterOnly = NoOp with
    {
        JitterProbability = 1,
        Brightness = 0,
        Contrast = 0,
        Saturation = 0,
        Hue = 0,
    };

    [Fact]
    public void Brightness_factors_are_drawn_per_image()
    {
        using var scope = torch.NewDisposeScope();
        var images = torch.full([64, 3, 4, 4], 0.5f);

        var view = new ViewAugmenter(JitterOnly with { Brightness = 0.4 }, 4).Apply(images, new Generator(12));

        var means = view.mean([1, 2, 3]);
        Assert.True(view.std([1, 2, 3]).max().item<float>() < 1e-6, "brightness must be uniform within an image");
        Assert.True(means.std().item<float>() > 0.05, "brightness factors look shared across the batch");
        Assert.InRange(means.min().item<float>(), 0.3f - 1e-5f, 0.7f);
        Assert.InRange(means.max().item<float>(), 0.3f, 0.7f + 1e-5f);
        Assert.True(means.unique().Item1.shape[0] > 60);
    }

    [Fact]
    public void Jitter_probability_is_drawn_per_image()
    {
        using var scope = torch.NewDisposeScope();
        var images = torch.full([400, 1, 2, 2], 0.5f);

        var view = new ViewAugmenter(JitterOnly with { JitterProbability = 0.8, Brightness = 0.4 }, 2).Apply(images, new Generator(2));

        var changed = (view.mean([1, 2, 3]) - 0.5f).abs().gt(1e-6f).sum().item<long>();
        Assert.InRange(changed, 290, 350);
    }

    [Fact]
    public void Every_order_of_the_four_ops_occurs()
    {
        var draws = UniformDrawsFor(2000, 4, seed: 1);

        var orders = Enumerable.Range(0, 2000).Select(b => string.Concat(ColorJitter.Order(draws, b, 0))).ToHashSet();

        Assert.Equal(24, orders.Count);
    }

    [Fact]
    public void Hue_shift_of_a_third_turns_red_into_green_and_green_into_blue()
    {
        using var scope = torch.NewDisposeScope();
        var red = torch.tensor(new float[] { 1, 0, 0 }).view(1, 3, 1, 1);
        var green = torch.tensor(new float[] { 0, 0.6f, 0 }).view(1, 3, 1, 1);

        var fromRed = ColorJitter.AdjustHue(red, torch.tensor(new float[] { 1f / 3 }));
        var fromGreen = ColorJitter.AdjustHue(green, torch.tensor(new float[] { 1f / 3 }));

        Assert.True(MaxAbsDifference(fromRed, torch.tensor(new float[] { 0, 1, 0 }).view(1, 3, 1, 1)) < 1e-5);
        Assert.True(MaxAbsDifference(fromGreen, torch.tensor(new float[] { 0, 0, 0.6f }).view(1, 3, 1, 1)) < 1e-5);
    }

    [Fact]
    public void Hue_shift_of_zero_or_a_whole_turn_keeps_the_image()
    {
        using var scope = torch.NewDisposeScope();
        var images = Noise(3, 3, 6, 6);

        var zero = ColorJitter.AdjustHue(images, torch.zeros(3));
        var turn = ColorJitter.AdjustHue(images, torch.ones(3));

        Assert.True(MaxAbsDifference(zero, images) < 1e-5);
        Assert.True(MaxAbsDifference(turn, images) < 1e-5);
    }

    [Fact]
    public void Hue_shift_keeps_value_and_saturation()
    {
        using var scope = torch.NewDisposeScope();
        var images = Noise(2, 3, 6, 6);

        var shifted = ColorJitter.AdjustHue(images, torch.tensor(new float[] { 0.1f, -0.27f }));

        Assert.True(MaxAbsDifference(shifted.amax([1]), images.amax([1])) < 1e-5);
        Assert.True(MaxAbsDifference(shifted.amin([1]), images.amin([1])) < 1e-5);
    }

    [Fact]
    public void Saturation_zero_gives_the_luma_and_contrast_zero_gives_the_mean_gray()
    {
        using var scope = torch.NewDisposeScope();
        var images = Noise(2, 3, 5, 5);
        var luma = Grayscale.Luma(images);

        var desaturated = ColorJitter.AdjustSaturation(images, torch.zeros(2));
        var flat = ColorJitter.AdjustContrast(images, torch.zeros(2));

        Assert.True(MaxAbsDifference(desaturated, luma.expand_as(images)) < 1e-6);
        Assert.True(MaxAbsDifference(flat, luma.mean([1, 2, 3], keepdim: true).expand_as(images)) < 1e-6);
    }

    [Fact]
    public void Factors_of_one_leave_the_image_unchanged()
    {
        using var scope = torch.NewDisposeScope();
        var images = Noise(2, 3, 5, 5);
        var ones = torch.ones(2);

        Assert.True(MaxAbsDifference(ColorJitter.AdjustBrightness(images, ones), images) < 1e-6);
        Assert.True(MaxAbsDifference(ColorJitter.AdjustContrast(images, ones), images) < 1e-6);
        Assert.True(MaxAbsDifference(ColorJitter.AdjustSaturation(images, ones), images) < 1e-6);
    }

    [Theory]
    [InlineData(3, false)]
    [InlineData(3, true)]
    [InlineData(1, true)]
    public void Per_image_kernel_computes_what_the_whole_batch_slots_compute(int channels, bool strong)
    {
        using var scope = torch.NewDisposeScope();
        var images = Noise(96, channels, 7, 9);
        var original = images.clone();
        var options = strong
            ? ViewOptions.PaperView1 with { Brightness = 0.9, Contrast = 0.9, Saturation = 0.9, Hue = 0.5 }
            : ViewOptions.PaperView1;
        var plan = new ColorJitter(options).Plan(UniformDrawsFor(96, ColorJitter.Columns, seed: 3), 0, channels);

        var bySlots = ColorJitter.ApplyBySlots(images, plan);
        var byImage = ColorJitterKernel.Apply(images, plan);

        Assert.InRange(plan.Count, 60, 90);
        Assert.True(MaxAbsDifference(bySlots, byImage) < 2e-5, $"max difference {MaxAbsDifference(bySlots, byImage)}");
        Assert.Equal(0f, MaxAbsDifference(images, original));
    }

    private static UniformDraws UniformDrawsFor(int batch, int columns, ulong seed)
    {
        using var generator = new Generator(seed);
        return UniformDraws.Draw(generator, batch, columns);
    }
}
