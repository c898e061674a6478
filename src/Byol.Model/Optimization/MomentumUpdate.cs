using Byol.Model.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Byol.Model.Optimization;

/// <summary>
/// The heavy-ball step SGD and LARS share: u = g (excluded parameters) or u = adapt(p, g + wd * p); v = momentum * v + u;
/// p = p - lr * v. LARS's adaptation is its trust ratio; SGD adapts nothing.
/// </summary>
internal static class MomentumUpdate
{
    public static void Apply(OptimizerState state, double learningRate, double weightDecay, double momentum,
        Func<Tensor, Tensor, Tensor>? adapt = null)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        using var lr = learningRate.ToScalar(); // TorchSharp reads Scalars; these stay alive until every update has run
        using var wd = weightDecay.ToScalar();
        using var mu = momentum.ToScalar();
        for (var i = 0; i < state.Parameters.Count; i++)
        {
            var parameter = state.Parameters[i];
            var gradient = parameter.grad;
            if (gradient is null)
                continue;
            var update = gradient;
            if (!state.Excluded[i])
            {
                if (weightDecay != 0)
                    update = update.add(parameter, alpha: wd);
                if (adapt is not null)
                    update = adapt(parameter, update);
            }
            var velocity = state.Buffer(i, 0);
            velocity.mul_(mu).add_(update, Scalars.One);
            parameter.sub_(velocity.mul(lr));
        }
        state.StepCount++;
    }
}
