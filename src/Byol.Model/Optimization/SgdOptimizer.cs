using Byol.Model.Runtime;
using TorchSharp;
using TorchSharp.Modules;

namespace Byol.Model.Optimization;

/// <summary>
/// SGD with heavy-ball momentum and weight decay on non-excluded parameters only (the same exclusion as LARS):
/// <code>
/// u = g  (excluded, rank &lt;= 1)   or   u = g + wd * p  (otherwise)
/// v = momentum * v + u;   p = p - lr * v
/// </code>
/// </summary>
public sealed class SgdOptimizer : ITrainingOptimizer
{
    private readonly OptimizerState _state;
    private readonly double _weightDecay;
    private readonly double _momentum;

    public SgdOptimizer(IReadOnlyList<(string Name, Parameter Parameter)> parameters, double weightDecay, double momentum)
    {
        _state = new OptimizerState("sgd", parameters, buffersPerParameter: 1);
        _weightDecay = weightDecay;
        _momentum = momentum;
    }

    public long StepCount => _state.StepCount;

    public void ZeroGrad(ParameterUpdates updates) => _state.ZeroGrad(updates);

    public void Step(double learningRate, ParameterUpdates updates) =>
        MomentumUpdate.Apply(_state, updates, learningRate, _weightDecay, _momentum);

    public void Save(BinaryWriter writer) => _state.Save(writer);

    public void Load(BinaryReader reader) => _state.Load(reader);

    public void Dispose() => _state.Dispose();
}
