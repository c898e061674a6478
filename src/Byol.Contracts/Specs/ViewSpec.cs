namespace Byol.Contracts.Specs;

/// <summary>
/// One augmentation pipeline, every field of the paper's Table 6. The initializers are the first view's values;
/// <see cref="Paper2"/> is the second's ("Gaussian blurring 1.0 / 0.1", "solarization 0.0 / 0.2").
/// </summary>
[GenerateSerializer, Alias("byol.view"), Immutable]
public sealed record ViewSpec
{
    [Id(0)] public double CropAreaMin { get; init; } = 0.08;
    [Id(1)] public double CropAreaMax { get; init; } = 1.0;
    [Id(2)] public double AspectMin { get; init; } = 0.75;
    [Id(3)] public double AspectMax { get; init; } = 4.0 / 3.0;
    [Id(4)] public Interpolation Interpolation { get; init; } = Interpolation.Bicubic;
    [Id(5)] public double Flip { get; init; } = 0.5;
    [Id(6)] public double JitterP { get; init; } = 0.8;
    [Id(7)] public double Brightness { get; init; } = 0.4;
    [Id(8)] public double Contrast { get; init; } = 0.4;
    [Id(9)] public double Saturation { get; init; } = 0.2;
    [Id(10)] public double Hue { get; init; } = 0.1;
    [Id(11)] public double GrayscaleP { get; init; } = 0.2;
    [Id(12)] public double BlurP { get; init; } = 1.0;
    [Id(13)] public double BlurSigmaMin { get; init; } = 0.1;
    [Id(14)] public double BlurSigmaMax { get; init; } = 2.0;
    [Id(15)] public double SolarizeP { get; init; }

    /// <summary>Table 6, first view (T).</summary>
    public static ViewSpec Paper1 { get; } = new();

    /// <summary>Table 6, second view (T'): blur 0.1, solarize 0.2.</summary>
    public static ViewSpec Paper2 { get; } = new() { BlurP = 0.1, SolarizeP = 0.2 };
}

/// <summary>The two views; <c>views: paper</c> is the default.</summary>
[GenerateSerializer, Alias("byol.views"), Immutable]
public sealed record ViewsSpec
{
    [Id(0)] public ViewSpec View1 { get; init; } = ViewSpec.Paper1;
    [Id(1)] public ViewSpec View2 { get; init; } = ViewSpec.Paper2;

    /// <summary>Both views as in Table 6.</summary>
    public static ViewsSpec Paper { get; } = new();
}
