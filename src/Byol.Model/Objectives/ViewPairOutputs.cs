using static TorchSharp.torch;

namespace Byol.Model.Objectives;

/// <summary>
/// What the networks produced for the two views of one batch: online projections z, online predictions q
/// (absent without a predictor) and target projections z' (absent when the objective needs no target).
/// </summary>
public sealed record ViewPairOutputs(
    Tensor OnlineProjection1,
    Tensor OnlineProjection2,
    Tensor? Prediction1,
    Tensor? Prediction2,
    Tensor? TargetProjection1,
    Tensor? TargetProjection2);
