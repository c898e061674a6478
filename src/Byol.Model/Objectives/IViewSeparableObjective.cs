using static TorchSharp.torch;

namespace Byol.Model.Objectives;

/// <summary>
/// An objective that is a sum of one term per view, each needing only that view's online output and the other view's
/// target projection, as BYOL's symmetrized loss is: "L^BYOL = L + L̃". Its two terms can then be computed, and
/// back-propagated, apart (<see cref="Training.ViewLanes"/>).
/// </summary>
public interface IViewSeparableObjective : ISelfSupervisedObjective
{
    /// <summary>One view's term: its online prediction (or projection) against the other view's target projection.</summary>
    Tensor ViewLoss(Tensor prediction, Tensor otherViewTargetProjection);
}
