using Byol.Model.Augmentations;
using TorchSharp;
using static TorchSharp.torch;

namespace Byol.Model.Tests.Augmentations;

public sealed class RandomResizedCropTests
{
    [Fact]
    public void Crops_lie_inside_the_image_with_area_and_aspect_in_range()
    {
        var options = ViewOptions.PaperView1;
        var draws = Draws(1000, RandomResizedCrop.Columns, seed: 3);

        var boxes = new RandomResizedCrop(options).Sample(draws, 0, 224, 224);

        foreach (var box in boxes)
        {
            Assert.InRange(box.Top, 0, 224 - box.Height);
            Assert.InRange(box.Left, 0, 224 - box.Width);
            var area = (double)box.Width * box.Height / (224 * 224);
            Assert.InRange(area, 0.08 * 0.95, 1.0);
            Assert.InRange((double)box.Width / box.Height, 0.75 * 0.97, 4.0 / 3 * 1.03);
        }

        Assert.True(boxes.Select(b => (b.Top, b.Left, b.Height, b.Width)).Distinct().Count() > 990);
        Assert.InRange(boxes.Count(b => b.Flip), 420, 580);
    }

    [Fact]
    public void Impossible_aspect_falls_back_to_a_central_crop_clamped_to_the_range()
    {
        var options = ViewOptions.PaperView1 with { CropAreaMin = 1, AspectMin = 4, AspectMax = 4 };
        var draws = Draws(5, RandomResizedCrop.Columns, seed: 1);

        var boxes = new RandomResizedCrop(options).Sample(draws, 0, 12, 12);

        Assert.All(boxes, box => Assert.Equal((4, 0, 3, 12), (box.Top, box.Left, box.Height, box.Width)));
    }

    [Fact]
    public void Theta_maps_the_output_square_onto_the_crop_and_negates_x_for_a_flip()
    {
        var theta = RandomResizedCrop.Theta([new CropBox(Top: 2, Left: 4, Height: 6, Width: 8, Flip: true)], height: 12, width: 16);

        var expected = new[] { -0.5, 0, 0, 0, 0.5, -1.0 / 6 };
        var actual = theta.data<float>().ToArray();
        Assert.Equal(new long[] { 1, 2, 3 }, theta.shape);
        for (var i = 0; i < 6; i++)
        {
            Assert.Equal(expected[i], actual[i], 1e-6);
        }
    }

    private static UniformDraws Draws(int batch, int columns, ulong seed)
    {
        using var generator = new Generator(seed);
        return UniformDraws.Draw(generator, batch, columns);
    }
}
