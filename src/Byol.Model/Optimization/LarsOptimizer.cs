using Byol.Model.Runtime;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Byol.Model.Optimization;

/// <summary>
/// LARS (You et al. 2017) as BYOL uses it: "LARS optimizer [...] with a cosine decay learning rate schedule" and
/// "we exclude the biases and batch normalization parameters from both LARS adaptation and weight decay".
/// For each parameter p with gradient g, at learning rate lr:
/// <code>
/// excluded (rank &lt;= 1):  u = g
/// otherwise:              u = g + wd * p;  r = trust * ||p|| / ||u||  (r = 1 when ||p|| = 0 or ||u|| = 0);  u = r * u
/// v = momentum * v + u                      (v starts at 0; r * u is folded into this update, see MomentumUpdate)
/// p = p - lr * v
/// </code>
/// The trust ratio is computed with tensor ops, never read back to the host.
/// </summary>
public sealed class LarsOptimizer : ITrainingOptimizer
{
    private readonly OptimizerState _state;
    private readonly double _weightDecay;
    private readonly double _momentum;
    private readonly double _trust;

    public LarsOptimizer(IReadOnlyList<(string Name, Parameter Parameter)> parameters, double weightDecay, double momentum, double trustCoefficient)
    {
        _state = new OptimizerState("lars", parameters, buffersPerParameter: 1);
        _weightDecay = weightDecay;
        _momentum = momentum;
        _trust = trustCoefficient;
    }

    public long StepCount => _state.StepCount;

    /// <summary>
    /// r = trust x ||weight|| / ||update||, or 1 when either norm is 0; a 0-dim tensor on the weight's device.
    /// </summary>
    public static Tensor TrustRatio(Tensor weight, Tensor update, double trustCoefficient)
    {
        using var trust = trustCoefficient.ToScalar();
        return TrustRatio(weight, update, trust);
    }

    /// <summary>The trust ratio with the coefficient as a Scalar the caller keeps alive (see <see cref="Scalars"/>).</summary>
    internal static Tensor TrustRatio(Tensor weight, Tensor update, Scalar trustCoefficient)
    {
        using var scope = torch.NewDisposeScope();
        var weightNorm = weight.norm();
        var updateNorm = update.norm();
        var usable = weightNorm.gt(Scalars.Zero).logical_and(updateNorm.gt(Scalars.Zero));
        var ratio = weightNorm.div(updateNorm).mul(trustCoefficient);
        return torch.where(usable, ratio, torch.ones_like(ratio)).MoveToOuterDisposeScope();
    }

    public void ZeroGrad(ParameterUpdates updates) => _state.ZeroGrad(updates);

    public void Step(double learningRate, ParameterUpdates updates)
    {
        using var trust = _trust.ToScalar(); // alive until every parameter's ratio is computed
        MomentumUpdate.Apply(_state, updates, learningRate, _weightDecay, _momentum, (p, u) => TrustRatio(p, u, trust));
    }

    public void Save(BinaryWriter writer) => _state.Save(writer);

    public void Load(BinaryReader reader) => _state.Load(reader);

    public void Dispose() => _state.Dispose();
}
