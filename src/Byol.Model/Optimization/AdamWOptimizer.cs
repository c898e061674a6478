using Byol.Model.Runtime;
using TorchSharp;
using TorchSharp.Modules;

namespace Byol.Model.Optimization;

/// <summary>
/// AdamW (Loshchilov and Hutter 2019): decoupled weight decay on non-excluded parameters, bias-corrected moments.
/// At step t (1-based), for each parameter p with gradient g:
/// <code>
/// p = p * (1 - lr * wd)                        (not for excluded, rank &lt;= 1, parameters)
/// m = b1 * m + (1 - b1) * g;   v = b2 * v + (1 - b2) * g^2
/// p = p - lr * (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + eps)
/// </code>
/// </summary>
public sealed class AdamWOptimizer : ITrainingOptimizer
{
    private readonly OptimizerState _state;
    private readonly double _weightDecay;
    private readonly double _beta1;
    private readonly double _beta2;
    private readonly double _epsilon;

    public AdamWOptimizer(
        IReadOnlyList<(string Name, Parameter Parameter)> parameters, double weightDecay, double beta1, double beta2, double epsilon)
    {
        _state = new OptimizerState("adamw", parameters, buffersPerParameter: 2);
        _weightDecay = weightDecay;
        _beta1 = beta1;
        _beta2 = beta2;
        _epsilon = epsilon;
    }

    public long StepCount => _state.StepCount;

    public void ZeroGrad(ParameterUpdates updates) => _state.ZeroGrad(updates);

    public void Step(double learningRate, ParameterUpdates updates)
    {
        var t = _state.StepCount + 1;
        var firstCorrection = 1 - Math.Pow(_beta1, t);
        var secondCorrection = 1 - Math.Pow(_beta2, t);

        // TorchSharp reads Scalars; these stay alive until every parameter is updated.
        using var decay = (1 - (learningRate * _weightDecay)).ToScalar();
        using var beta1 = _beta1.ToScalar();
        using var gradientWeight = (1 - _beta1).ToScalar();
        using var beta2 = _beta2.ToScalar();
        using var squareWeight = (1 - _beta2).ToScalar();
        using var secondCorrectionScalar = secondCorrection.ToScalar();
        using var epsilon = _epsilon.ToScalar();
        using var stepSize = (learningRate / firstCorrection).ToScalar();
        updates.Run(_state.Sizes, i =>
        {
            var parameter = _state.Parameters[i];
            var gradient = parameter.grad;
            if (gradient is null)
            {
                return;
            }

            if (!_state.Excluded[i] && _weightDecay != 0)
            {
                parameter.mul_(decay);
            }

            var first = _state.Buffer(i, 0);
            var second = _state.Buffer(i, 1);
            first.mul_(beta1).add_(gradient, alpha: gradientWeight);
            second.mul_(beta2).addcmul_(gradient, gradient, value: squareWeight);
            var denominator = second.div(secondCorrectionScalar).sqrt_().add_(epsilon, Scalars.One);
            parameter.sub_(first.div(denominator).mul_(stepSize));
        });

        _state.StepCount = t;
    }

    public void Save(BinaryWriter writer) => _state.Save(writer);

    public void Load(BinaryReader reader) => _state.Load(reader);

    public void Dispose() => _state.Dispose();
}
