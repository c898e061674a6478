using Byol.Model.Augmentations;
using Byol.Model.Data;
using Byol.Model.Networks;
using Byol.Model.Optimization;
using Byol.Model.Tests.Data;
using Byol.Model.Training;

namespace Byol.Model.Tests.Training;

/// <summary>Small, real training set-ups for the loop's tests: the shipped Fashion-MNIST sample and the small encoder.</summary>
internal static class TrainingFixtures
{
    private static readonly Lazy<ImageSet> Train = new(() => ImageSources.Load(new DataSourceOptions("idx", TestData.FashionSample) { Split = "train" }));
    private static readonly Lazy<ImageSet> Test = new(() => ImageSources.Load(new DataSourceOptions("idx", TestData.FashionSample) { Split = "test" }));

    public static ImageSet FashionTrain => Train.Value;
    public static ImageSet FashionTest => Test.Value;

    /// <summary>The grayscale views of DESIGN.md's small-budget measurement: crops (area 0.2-1), flips, brightness/contrast.</summary>
    public static ViewOptions GrayViews => ViewOptions.PaperView1 with
    {
        CropAreaMin = 0.2,
        BlurProbability = 0,
        SolarizeProbability = 0,
        GrayscaleProbability = 0,
    };

    public static TrainingOptions Small(long steps, int batch = 64, long seed = 0) => new()
    {
        Network = new NetworkOptions { Encoder = "small-resnet", ProjectorHidden = 256, ProjectorOut = 64, PredictorHidden = 256 },
        Optimizer = new OptimizerOptions { Name = "sgd", BaseLr = 0.4, WeightDecay = 1e-5, Momentum = 0.9, WarmupSteps = (int)Math.Min(10, steps / 10) },
        TauBase = 0.99,
        Steps = steps,
        BatchSize = batch,
        ImageSize = 28,
        View1 = GrayViews,
        View2 = GrayViews,
        LogEvery = 10,
        Seed = seed,
    };
}
