namespace Byol.Model.Augmentations;

/// <summary>
/// The colour jitter one batch gets, drawn per image: the images that are jittered, for each its order of the four ops
/// (brightness, contrast, saturation, hue) and its factor for each op, and which ops are enabled at all.
/// </summary>
/// <param name="Images">Batch indices of the jittered images.</param>
/// <param name="Orders">Per jittered image, the four op ids in the order they apply.</param>
/// <param name="Factors">Per jittered image, the factor of each op, indexed by op id: a scale for the three blends,
/// a shift in turns for hue.</param>
/// <param name="Enabled">Per op id, whether it runs (strength above 0; saturation and hue need 3 channels).</param>
internal sealed record JitterPlan(int[] Images, int[][] Orders, float[][] Factors, bool[] Enabled)
{
    public const int OpCount = 4;
    public const int Brightness = 0, Contrast = 1, Saturation = 2, Hue = 3;

    public int Count => Images.Length;
}
