using Byol.Contracts.Specs;
using Byol.Model.Augmentations;
using Byol.Model.Data;
using Byol.Model.Evaluation;
using Byol.Model.Networks;
using Byol.Model.Optimization;
using Byol.Model.Training;
using SpecTargetInit = Byol.Contracts.Specs.TargetInit;

namespace Byol.Grains.Training;

/// <summary>Translates a trial's resolved spec (Contracts) into the model library's typed options.</summary>
public static class TrialConfiguration
{
    public static TrainingOptions Training(SweepSpec spec, int seed) => new()
    {
        Network = new NetworkOptions
        {
            Encoder = SpecNames.Of(spec.Model.Encoder),
            ProjectorHidden = spec.Model.Projector.Hidden,
            ProjectorOut = spec.Model.Projector.Out,
            UsePredictor = spec.Model.Predictor.Enabled,
            PredictorHidden = spec.Model.Predictor.Hidden,
            TargetInit = spec.Model.Target.Init == SpecTargetInit.Seed ? Model.Networks.TargetInit.Seed : Model.Networks.TargetInit.Copy,
        },
        Objective = SpecNames.Of(spec.Train.Objective),
        Temperature = spec.Train.Temperature,
        Optimizer = new OptimizerOptions
        {
            Name = SpecNames.Of(spec.Train.Optimizer.Name),
            BaseLr = spec.Train.Optimizer.BaseLr,
            WeightDecay = spec.Train.Optimizer.WeightDecay,
            Momentum = spec.Train.Optimizer.Momentum,
            TrustCoefficient = spec.Train.Optimizer.TrustCoefficient,
            WarmupSteps = spec.Train.Optimizer.WarmupSteps,
        },
        TauBase = spec.Train.TauBase,
        Steps = spec.Train.Steps,
        BatchSize = spec.Train.BatchSize,
        ImageSize = spec.Train.ImageSize,
        View1 = View(spec.Train.Views.View1),
        View2 = View(spec.Train.Views.View2),
        LogEvery = Math.Max(1, spec.Train.LogEvery),
        Seed = seed,
    };

    public static ViewOptions View(ViewSpec v) => new()
    {
        CropAreaMin = v.CropAreaMin,
        CropAreaMax = v.CropAreaMax,
        AspectMin = v.AspectMin,
        AspectMax = v.AspectMax,
        Interpolation = SpecNames.Of(v.Interpolation),
        FlipProbability = v.Flip,
        JitterProbability = v.JitterP,
        Brightness = v.Brightness,
        Contrast = v.Contrast,
        Saturation = v.Saturation,
        Hue = v.Hue,
        GrayscaleProbability = v.GrayscaleP,
        BlurProbability = v.BlurP,
        BlurSigmaMin = v.BlurSigmaMin,
        BlurSigmaMax = v.BlurSigmaMax,
        SolarizeProbability = v.SolarizeP,
    };

    public static DataSourceOptions Source(DataSourceSpec s, int limit = -1) => new(SpecNames.Of(s.Kind), s.Path)
    {
        Split = s.Split,
        ImageSize = s.ImageSize,
        Channels = s.Channels,
        Limit = limit >= 0 ? limit : s.Limit,
    };

    public static DataSourceOptions TrainData(SweepSpec spec) => Source(spec.Data.Train);

    /// <summary>The labelled split that trains the probe and forms the kNN memory: data.probe, else data.train; at most eval.bank_limit images.</summary>
    public static DataSourceOptions BankData(SweepSpec spec)
    {
        var source = spec.Data.Probe ?? spec.Data.Train;
        var limit = spec.Eval.BankLimit > 0 ? (source.Limit > 0 ? Math.Min(source.Limit, spec.Eval.BankLimit) : spec.Eval.BankLimit) : source.Limit;
        return Source(source, limit);
    }

    public static DataSourceOptions EvalData(SweepSpec spec) =>
        Source(spec.Data.Eval, spec.Eval.EvalLimit > 0 ? spec.Eval.EvalLimit : spec.Data.Eval.Limit);

    public static EvaluationOptions Evaluation(SweepSpec spec) => new()
    {
        KnnK = spec.Eval.Knn.K,
        KnnTemperature = spec.Eval.Knn.Temperature,
        LinearProbe = new LinearProbeOptions { MaxEpochs = Math.Max(1, spec.Eval.LinearProbe.Epochs) },
    };
}
