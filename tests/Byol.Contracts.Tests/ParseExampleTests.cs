using Byol.Contracts.Specs;

namespace Byol.Contracts.Tests;

public sealed class ParseExampleTests
{
    [Fact]
    public void DesignExampleParsesWithExactlyTheValuesWritten()
    {
        var spec = Specs.Valid(Specs.DesignExample);

        Assert.Equal("tau-ablation", spec.Name);
        Assert.Equal(new DataSourceSpec { Kind = DataKind.Idx, Path = "/usr/share/datasets/fashion-mnist", Split = "train" }, spec.Data.Train);
        Assert.Equal(new DataSourceSpec { Kind = DataKind.Idx, Path = "/usr/share/datasets/fashion-mnist", Split = "test" }, spec.Data.Eval);
        Assert.Null(spec.Data.Probe);
        Assert.Equal(EncoderKind.ResNet18Cifar, spec.Model.Encoder);
        Assert.Equal(new ProjectorSpec { Hidden = 4096, Out = 256 }, spec.Model.Projector);
        Assert.Equal(new PredictorSpec { Enabled = true, Hidden = 4096 }, spec.Model.Predictor);
        Assert.Equal(2000, spec.Train.Steps);
        Assert.Equal(256, spec.Train.BatchSize);
        Assert.Equal(OptimizerKind.Lars, spec.Train.Optimizer.Name);
        Assert.Equal(0.2, spec.Train.Optimizer.BaseLr);
        Assert.Equal(1.5e-6, spec.Train.Optimizer.WeightDecay);
        Assert.Equal(100, spec.Train.Optimizer.WarmupSteps);
        Assert.Equal(0.996, spec.Train.TauBase);
        Assert.Equal(ViewsSpec.Paper, spec.Train.Views);
        Assert.Equal(200, spec.Train.CheckpointEvery);
        Assert.Equal(200, spec.Eval.Knn.K);
        Assert.Equal(50, spec.Eval.LinearProbe.Epochs);
        Assert.Equal(new ObjectiveSpec { Metric = ObjectiveMetric.LinearTop1, Mode = ObjectiveMode.Max }, spec.Objective);
        Assert.Equal(SearchMethod.Grid, spec.Search.Method);
        Assert.Equal(8, spec.Search.Samples);
        Assert.Equal([0, 1], spec.Search.Seeds);
        Assert.Equal(
            [
                new SpaceAxis("train.tau_base", ParamDomain.Choice(0.0, 0.9, 0.99, 0.996, 1.0)),
                new SpaceAxis("train.optimizer.base_lr", ParamDomain.LogUniform(0.05, 1.0)),
            ],
            spec.Search.Space);
        Assert.Equal(SchedulerKind.Fifo, spec.Scheduler.Name);
        Assert.Equal(4, spec.MaxConcurrent);
        Assert.Equal(new ResourcesSpec { Accelerator = AcceleratorKind.Any, Slots = 1 }, spec.Resources);
        Assert.Equal(Specs.DesignExample, spec.SourceYaml);
    }

    [Fact]
    public void DesignExampleExpandsGridTimesSamplesTimesSeeds()
    {
        var spec = Specs.Valid(Specs.DesignExample);

        var trials = SearchExpander.Expand(spec);

        Assert.Equal(5 * 8 * 2, trials.Count);
        Assert.Equal(trials.Count, SearchExpander.Count(spec));
        Assert.All(trials, t => Assert.InRange(t.Params["train.optimizer.base_lr"].Real, 0.05, 1.0));
    }

    [Fact]
    public void EnumNamesAreCaseInsensitiveAndCanonical()
    {
        var spec = Specs.Valid(Specs.With("model: { encoder: Small-ResNet }\ntrain: { optimizer: { name: AdamW } }"));

        Assert.Equal(EncoderKind.SmallResNet, spec.Model.Encoder);
        Assert.Equal("adamw", SpecNames.Of(spec.Train.Optimizer.Name));
        Assert.Equal(["linear_top1", "knn_top1", "loss", "z_std"], SpecNames.All<ObjectiveMetric>());
    }

    [Fact]
    public void LossObjectiveDefaultsToMinUnlessModeIsGiven()
    {
        Assert.Equal(ObjectiveMode.Min, Specs.Valid(Specs.With("objective: { metric: loss }")).Objective.Mode);
        Assert.Equal(ObjectiveMode.Max, Specs.Valid(Specs.With("objective: { metric: loss, mode: max }")).Objective.Mode);
        Assert.Equal(ObjectiveMode.Max, Specs.Valid(Specs.With("objective: { metric: knn_top1 }")).Objective.Mode);
    }

    [Fact]
    public void ProbeSourceAndAshaParse()
    {
        var spec = Specs.Valid(Specs.With("""
            scheduler: { name: asha, grace_steps: 100, reduction_factor: 2 }
            eval: { bank_limit: 0, eval_limit: 1000, knn: { temperature: 0.1 } }
            """).Replace("  eval: {", "  probe: { kind: folder, path: /p, limit: 500 }\n  eval: {", StringComparison.Ordinal));

        Assert.Equal(new DataSourceSpec { Kind = DataKind.Folder, Path = "/p", Limit = 500 }, spec.Data.Probe);
        Assert.Equal(new SchedulerSpec { Name = SchedulerKind.Asha, GraceSteps = 100, ReductionFactor = 2 }, spec.Scheduler);
        Assert.Equal(new EvalSpec { BankLimit = 0, EvalLimit = 1000, Knn = new KnnSpec { Temperature = 0.1 } }, spec.Eval);
    }

    [Fact]
    public void PredictorNoneDisablesThePredictor()
    {
        var spec = Specs.Valid(Specs.With("model: { predictor: none }"));

        Assert.False(spec.Model.Predictor.Enabled);
        Assert.Equal(4096, spec.Model.Predictor.Hidden);
    }
}
