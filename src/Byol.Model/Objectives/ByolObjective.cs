using Byol.Model.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Byol.Model.Objectives;

/// <summary>
/// BYOL's loss. Paper, eq. 2: "L = ‖q̄ − z̄′‖² = 2 − 2·⟨q, z′⟩ / (‖q‖·‖z′‖)", symmetrized by also feeding v′ to the
/// online network and v to the target: "L^BYOL = L + L̃". The target projection is under stop-gradient.
/// Without a predictor the online projection plays the prediction's role.
/// </summary>
public sealed class ByolObjective : IViewSeparableObjective
{
    public string Name => "byol";
    public bool NeedsTarget => true;

    public Tensor Loss(ViewPairOutputs o)
    {
        if (o.TargetProjection1 is null || o.TargetProjection2 is null)
            throw new ArgumentException("BYOL needs the target projections of both views");
        var q1 = o.Prediction1 ?? o.OnlineProjection1;
        var q2 = o.Prediction2 ?? o.OnlineProjection2;
        using var scope = NewDisposeScope();
        var loss = Regression(q1, o.TargetProjection2).add(Regression(q2, o.TargetProjection1), Scalars.One);
        return loss.MoveToOuterDisposeScope();
    }

    public Tensor ViewLoss(Tensor prediction, Tensor otherViewTargetProjection) => Regression(prediction, otherViewTargetProjection);

    /// <summary>Mean over the batch of 2 − 2·cos(q, stopgrad(z)).</summary>
    public static Tensor Regression(Tensor prediction, Tensor targetProjection)
    {
        using var scope = NewDisposeScope();
        var cos = nn.functional.cosine_similarity(prediction, targetProjection.detach(), dim: 1, eps: 1e-12);
        var loss = cos.mul(Scalars.Two).negative().add(Scalars.Two, Scalars.One); // 2 - 2 cos, as TorchSharp computes it
        return loss.mean().MoveToOuterDisposeScope();
    }
}
