namespace Byol.Model.Augmentations;

/// <summary>
/// One view's augmentation parameters. The defaults are the paper's Table 6, view 1 ("Parameters used to generate image
/// augmentations"): random crop area 0.08-1 and aspect 3/4-4/3, flip probability 0.5, colour jitter probability 0.8 with
/// brightness 0.4, contrast 0.4, saturation 0.2 and hue 0.1, grayscale probability 0.2, Gaussian blur probability 1.0,
/// solarization probability 0.0. View 2 differs only in blur (0.1) and solarization (0.2). Every field can be
/// overridden from a spec (the spec names are the snake_case forms used by <see cref="Validate"/>).
/// </summary>
public sealed record ViewOptions
{
    /// <summary>Smallest crop area as a fraction of the source area (Table 6: 8%).</summary>
    public double CropAreaMin { get; init; } = 0.08;

    /// <summary>Largest crop area as a fraction of the source area (Table 6: 100%).</summary>
    public double CropAreaMax { get; init; } = 1.0;

    /// <summary>Smallest crop aspect ratio, width / height (Table 6: 3/4).</summary>
    public double AspectMin { get; init; } = 3.0 / 4;

    /// <summary>Largest crop aspect ratio, width / height (Table 6: 4/3).</summary>
    public double AspectMax { get; init; } = 4.0 / 3;

    /// <summary>"bicubic" (the paper: "the patch is then resized to the target size of 224 x 224 using bicubic
    /// interpolation") or "bilinear".</summary>
    public string Interpolation { get; init; } = "bicubic";

    /// <summary>Probability of a horizontal flip (Table 6: 0.5).</summary>
    public double FlipProbability { get; init; } = 0.5;

    /// <summary>Probability of applying colour jitter at all (Table 6: 0.8).</summary>
    public double JitterProbability { get; init; } = 0.8;

    /// <summary>Maximum brightness adjustment (Table 6: 0.4).</summary>
    public double Brightness { get; init; } = 0.4;

    /// <summary>Maximum contrast adjustment (Table 6: 0.4).</summary>
    public double Contrast { get; init; } = 0.4;

    /// <summary>Maximum saturation adjustment (Table 6: 0.2).</summary>
    public double Saturation { get; init; } = 0.2;

    /// <summary>Maximum hue adjustment in turns, at most 0.5 (Table 6: 0.1).</summary>
    public double Hue { get; init; } = 0.1;

    /// <summary>Probability of converting to grayscale (Table 6: 0.2).</summary>
    public double GrayscaleProbability { get; init; } = 0.2;

    /// <summary>Probability of Gaussian blurring (Table 6: 1.0 for view 1, 0.1 for view 2).</summary>
    public double BlurProbability { get; init; } = 1.0;

    /// <summary>Smallest blur standard deviation in output pixels (Table 6: 0.1).</summary>
    public double BlurSigmaMin { get; init; } = 0.1;

    /// <summary>Largest blur standard deviation in output pixels (Table 6: 2.0).</summary>
    public double BlurSigmaMax { get; init; } = 2.0;

    /// <summary>Probability of solarization (Table 6: 0.0 for view 1, 0.2 for view 2).</summary>
    public double SolarizeProbability { get; init; }

    /// <summary>Table 6, view 1: blur probability 1.0, solarization probability 0.0.</summary>
    public static ViewOptions PaperView1 { get; } = new();

    /// <summary>Table 6, view 2: blur probability 0.1, solarization probability 0.2.</summary>
    public static ViewOptions PaperView2 { get; } = new() { BlurProbability = 0.1, SolarizeProbability = 0.2 };

    /// <summary>The supported <see cref="Interpolation"/> names.</summary>
    public static IReadOnlyList<string> InterpolationNames { get; } = ["bicubic", "bilinear"];

    /// <summary>
    /// Every out-of-range field, each as "<paramref name="path"/>.field_name: reason" (for example
    /// "view1.crop_area_min: must be in (0, 1]"). Empty when the options are valid.
    /// </summary>
    public IReadOnlyList<string> Validate(string path)
    {
        var errors = new List<string>();
        void Check(bool ok, string field, string reason)
        {
            if (!ok)
            {
                errors.Add($"{path}.{field}: {reason}");
            }
        }

        Check(CropAreaMin > 0 && CropAreaMin <= 1, "crop_area_min", "must be in (0, 1]");
        Check(CropAreaMax > 0 && CropAreaMax <= 1, "crop_area_max", "must be in (0, 1]");
        Check(!(CropAreaMax < CropAreaMin), "crop_area_max", "must be >= crop_area_min");
        Check(AspectMin > 0 && double.IsFinite(AspectMin), "aspect_min", "must be finite and > 0");
        Check(AspectMax > 0 && double.IsFinite(AspectMax), "aspect_max", "must be finite and > 0");
        Check(!(AspectMax < AspectMin), "aspect_max", "must be >= aspect_min");
        Check(InterpolationNames.Contains(Interpolation), "interpolation", "must be one of bicubic, bilinear");
        CheckProbability(FlipProbability, "flip_probability");
        CheckProbability(JitterProbability, "jitter_probability");
        Check(Brightness >= 0 && double.IsFinite(Brightness), "brightness", "must be finite and >= 0");
        Check(Contrast >= 0 && double.IsFinite(Contrast), "contrast", "must be finite and >= 0");
        Check(Saturation >= 0 && double.IsFinite(Saturation), "saturation", "must be finite and >= 0");
        Check(Hue >= 0 && Hue <= 0.5, "hue", "must be in [0, 0.5]");
        CheckProbability(GrayscaleProbability, "grayscale_probability");
        CheckProbability(BlurProbability, "blur_probability");
        Check(BlurSigmaMin > 0 && double.IsFinite(BlurSigmaMin), "blur_sigma_min", "must be finite and > 0");
        Check(BlurSigmaMax > 0 && double.IsFinite(BlurSigmaMax), "blur_sigma_max", "must be finite and > 0");
        Check(!(BlurSigmaMax < BlurSigmaMin), "blur_sigma_max", "must be >= blur_sigma_min");
        CheckProbability(SolarizeProbability, "solarize_probability");
        return errors;

        void CheckProbability(double value, string field) => Check(value >= 0 && value <= 1, field, "must be in [0, 1]");
    }
}
