using Byol.Model.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Byol.Model.Optimization;

/// <summary>
/// The heavy-ball step SGD and LARS share: u = g (excluded parameters) or u = g + wd * p, scaled by r = scale(p, u)
/// where the optimizer adapts (LARS's trust ratio; SGD adapts nothing); v = momentum * v + r * u; p = p - lr * v.
/// In place: r * u is folded into v's update (addcmul_) and lr * v into p's (add_ with -lr), so no scaled copy is
/// made; per parameter four element-wise passes (u, v twice, p) and one temporary (u, where weight decay applies).
/// </summary>
internal static class MomentumUpdate
{
    public static void Apply(OptimizerState state, ParameterUpdates updates, double learningRate, double weightDecay,
        double momentum, Func<Tensor, Tensor, Tensor>? scale = null)
    {
        using var descent = (-learningRate).ToScalar(); // TorchSharp reads Scalars; these stay alive until every update has run
        using var wd = weightDecay.ToScalar();
        using var mu = momentum.ToScalar();
        updates.Run(state.Sizes, i =>
        {
            var parameter = state.Parameters[i];
            var gradient = parameter.grad;
            if (gradient is null)
                return;
            var velocity = state.Buffer(i, 0).mul_(mu);
            if (state.Excluded[i])
            {
                velocity.add_(gradient, Scalars.One);
            }
            else
            {
                var update = weightDecay != 0 ? gradient.add(parameter, alpha: wd) : gradient;
                if (scale is null)
                    velocity.add_(update, Scalars.One);
                else
                    velocity.addcmul_(update, scale(parameter, update), Scalars.One);
            }
            parameter.add_(velocity, descent);
        });
        state.StepCount++;
    }
}
