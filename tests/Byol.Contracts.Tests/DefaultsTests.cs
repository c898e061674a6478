using Byol.Contracts.Specs;

namespace Byol.Contracts.Tests;

/// <summary>An omitted field is the paper's value (BYOL, Grill et al. 2020, section 3.3 and Table 6).</summary>
public sealed class DefaultsTests
{
    private readonly SweepSpec spec = Specs.Valid(Specs.Minimal);

    [Fact]
    public void ModelDefaultsAreThePapers()
    {
        Assert.Equal(EncoderKind.ResNet18Cifar, spec.Model.Encoder);
        Assert.Equal(4096, spec.Model.Projector.Hidden);
        Assert.Equal(256, spec.Model.Projector.Out);
        Assert.True(spec.Model.Predictor.Enabled);
        Assert.Equal(4096, spec.Model.Predictor.Hidden);
        Assert.Equal(TargetInit.Copy, spec.Model.Target.Init);
    }

    [Fact]
    public void TrainDefaultsAreThePapers()
    {
        var train = spec.Train;
        Assert.Equal(0.996, train.TauBase);
        Assert.Equal(OptimizerKind.Lars, train.Optimizer.Name);
        Assert.Equal(0.2, train.Optimizer.BaseLr);
        Assert.Equal(1.5e-6, train.Optimizer.WeightDecay);
        Assert.Equal(0.9, train.Optimizer.Momentum);
        Assert.Equal(1e-3, train.Optimizer.TrustCoefficient);
        Assert.Equal(0, train.Optimizer.WarmupSteps);
        Assert.Equal(2000, train.Steps);
        Assert.Equal(256, train.BatchSize);
        Assert.Equal(PretrainObjective.Byol, train.Objective);
        Assert.Equal(0.1, train.Temperature);
        Assert.Equal(32, train.ImageSize);
        Assert.Equal(200, train.CheckpointEvery);
        Assert.Equal(10, train.LogEvery);
    }

    [Fact]
    public void ViewDefaultsAreTable6()
    {
        var (v1, v2) = (spec.Train.Views.View1, spec.Train.Views.View2);
        foreach (var v in new[] { v1, v2 })
        {
            Assert.Equal(0.08, v.CropAreaMin);
            Assert.Equal(1.0, v.CropAreaMax);
            Assert.Equal(0.75, v.AspectMin);
            Assert.Equal(4.0 / 3.0, v.AspectMax);
            Assert.Equal(Interpolation.Bicubic, v.Interpolation);
            Assert.Equal(0.5, v.Flip);
            Assert.Equal(0.8, v.JitterP);
            Assert.Equal((0.4, 0.4, 0.2, 0.1), (v.Brightness, v.Contrast, v.Saturation, v.Hue));
            Assert.Equal(0.2, v.GrayscaleP);
            Assert.Equal((0.1, 2.0), (v.BlurSigmaMin, v.BlurSigmaMax));
        }

        Assert.Equal((1.0, 0.0), (v1.BlurP, v1.SolarizeP));
        Assert.Equal((0.1, 0.2), (v2.BlurP, v2.SolarizeP));
    }

    [Fact]
    public void EvalSearchAndRunDefaults()
    {
        Assert.Equal(new KnnSpec { K = 200, Temperature = 0.07 }, spec.Eval.Knn);
        Assert.Equal(50, spec.Eval.LinearProbe.Epochs);
        Assert.Equal(5000, spec.Eval.BankLimit);
        Assert.Equal(0, spec.Eval.EvalLimit);
        Assert.Equal(new ObjectiveSpec { Metric = ObjectiveMetric.LinearTop1, Mode = ObjectiveMode.Max }, spec.Objective);
        Assert.Equal(SearchMethod.Grid, spec.Search.Method);
        Assert.Null(spec.Search.Samples);
        Assert.Equal(0, spec.Search.Seed);
        Assert.Equal([0], spec.Search.Seeds);
        Assert.Empty(spec.Search.Space);
        Assert.Equal(new SchedulerSpec { Name = SchedulerKind.Fifo, GraceSteps = null, ReductionFactor = 3 }, spec.Scheduler);
        Assert.Equal(4, spec.MaxConcurrent);
        Assert.Equal(new ResourcesSpec { Accelerator = AcceleratorKind.Any, Slots = 1 }, spec.Resources);
    }

    [Fact]
    public void DefaultsComeFromTheRecordsInitializers()
    {
        Assert.Equal(new SweepSpec().Train, spec.Train);
        Assert.Equal(new SweepSpec().Model, spec.Model);
        Assert.Equal(new SweepSpec().Eval, spec.Eval);
    }

    [Fact]
    public void AnEmptySpecWithoutSpaceIsOneTrialPerSeed()
    {
        var trials = SearchExpander.Expand(spec);

        var trial = Assert.Single(trials);
        Assert.Equal("t000", trial.Id);
        Assert.Empty(trial.Params);
        Assert.Equal(0, trial.Seed);
    }
}
