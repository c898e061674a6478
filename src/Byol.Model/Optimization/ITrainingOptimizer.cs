using Byol.Model.Runtime;

namespace Byol.Model.Optimization;

/// <summary>
/// An optimizer over a fixed, ordered list of parameters. The learning rate is passed to every step, so the schedule
/// stays a pure function owned by the training loop. One thread owns an optimizer for its whole life.
/// </summary>
public interface ITrainingOptimizer : IDisposable
{
    /// <summary>The number of completed <see cref="Step"/> calls (restored by <see cref="Load"/>).</summary>
    long StepCount { get; }

    /// <summary>Sets every parameter's gradient to zero.</summary>
    void ZeroGrad() => ZeroGrad(ParameterUpdates.OnCallingThread);

    /// <summary>Sets every parameter's gradient to zero, parameter by parameter where <paramref name="updates"/> runs them.</summary>
    void ZeroGrad(ParameterUpdates updates);

    /// <summary>One in-place update of every parameter that has a gradient, at the given learning rate.</summary>
    void Step(double learningRate) => Step(learningRate, ParameterUpdates.OnCallingThread);

    /// <summary>
    /// As <see cref="Step(double)"/>, parameter by parameter where <paramref name="updates"/> runs them; the result does
    /// not depend on where.
    /// </summary>
    void Step(double learningRate, ParameterUpdates updates);

    /// <summary>Writes the full state: step count, parameter names and shapes, every buffer.</summary>
    void Save(BinaryWriter writer);

    /// <summary>
    /// Reads a state written by <see cref="Save"/> of the same optimizer kind built over the same parameters (names and
    /// shapes) in the same order. Any mismatch throws <see cref="InvalidDataException"/> and leaves this state unchanged.
    /// </summary>
    void Load(BinaryReader reader);
}
