using Byol.Model.Augmentations;

namespace Byol.Model.Tests.Augmentations;

public sealed class ViewOptionsTests
{
    [Fact]
    public void Paper_views_hold_the_table_6_values()
    {
        foreach (var view in new[] { ViewOptions.PaperView1, ViewOptions.PaperView2 })
        {
            Assert.Equal(0.08, view.CropAreaMin);
            Assert.Equal(1.0, view.CropAreaMax);
            Assert.Equal(3.0 / 4, view.AspectMin);
            Assert.Equal(4.0 / 3, view.AspectMax);
            Assert.Equal("bicubic", view.Interpolation);
            Assert.Equal(0.5, view.FlipProbability);
            Assert.Equal(0.8, view.JitterProbability);
            Assert.Equal(0.4, view.Brightness);
            Assert.Equal(0.4, view.Contrast);
            Assert.Equal(0.2, view.Saturation);
            Assert.Equal(0.1, view.Hue);
            Assert.Equal(0.2, view.GrayscaleProbability);
            Assert.Equal(0.1, view.BlurSigmaMin);
            Assert.Equal(2.0, view.BlurSigmaMax);
            Assert.Empty(view.Validate("views"));
        }

        Assert.Equal(1.0, ViewOptions.PaperView1.BlurProbability);
        Assert.Equal(0.0, ViewOptions.PaperView1.SolarizeProbability);
        Assert.Equal(0.1, ViewOptions.PaperView2.BlurProbability);
        Assert.Equal(0.2, ViewOptions.PaperView2.SolarizeProbability);
        Assert.Equal(new ViewOptions(), ViewOptions.PaperView1);
    }

    [Fact]
    public void Validate_reports_every_out_of_range_field_with_its_path()
    {
        var bad = ViewOptions.PaperView1 with
        {
            CropAreaMin = 0,
            CropAreaMax = 1.5,
            AspectMin = -1,
            Interpolation = "nearest",
            FlipProbability = 1.1,
            JitterProbability = double.NaN,
            Brightness = -0.1,
            Hue = 0.6,
            GrayscaleProbability = -0.5,
            BlurSigmaMin = 3,
            SolarizeProbability = 2,
        };

        var errors = bad.Validate("train.view1");

        Assert.Contains("train.view1.crop_area_min: must be in (0, 1]", errors);
        Assert.Contains("train.view1.crop_area_max: must be in (0, 1]", errors);
        Assert.Contains("train.view1.aspect_min: must be finite and > 0", errors);
        Assert.Contains("train.view1.interpolation: must be one of bicubic, bilinear", errors);
        Assert.Contains("train.view1.flip_probability: must be in [0, 1]", errors);
        Assert.Contains("train.view1.jitter_probability: must be in [0, 1]", errors);
        Assert.Contains("train.view1.brightness: must be finite and >= 0", errors);
        Assert.Contains("train.view1.hue: must be in [0, 0.5]", errors);
        Assert.Contains("train.view1.grayscale_probability: must be in [0, 1]", errors);
        Assert.Contains("train.view1.blur_sigma_max: must be >= blur_sigma_min", errors);
        Assert.Contains("train.view1.solarize_probability: must be in [0, 1]", errors);
        Assert.Equal(11, errors.Count);
    }

    [Fact]
    public void Validate_reports_inverted_ranges()
    {
        var errors = (ViewOptions.PaperView2 with { CropAreaMin = 0.9, CropAreaMax = 0.5, AspectMin = 2, AspectMax = 1 }).Validate("view2");

        Assert.Equal(["view2.crop_area_max: must be >= crop_area_min", "view2.aspect_max: must be >= aspect_min"], errors);
    }

    [Fact]
    public void Augmenter_refuses_invalid_options_naming_the_field()
    {
        var error = Assert.Throws<ArgumentException>(() => new ViewAugmenter(ViewOptions.PaperView1 with { Contrast = -1 }, 32));

        Assert.Contains("view.contrast", error.Message);
    }
}
