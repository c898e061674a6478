using static TorchSharp.torch;

namespace Byol.Model.Runtime;

/// <summary>
/// Where a step's per-parameter work runs (zeroing gradients, the optimizer's update, the target's moving average):
/// work that touches each parameter alone, so its pieces may run on different threads and give the same result.
/// </summary>
public abstract class ParameterUpdates
{
    /// <summary>One after another on the calling thread.</summary>
    public static ParameterUpdates OnCallingThread { get; } = new Sequential();

    /// <summary>
    /// Calls <paramref name="update"/> once for every index of <paramref name="sizes"/> (the parameters' element counts)
    /// and returns when all calls are done. Each thread runs its calls with gradients off and in a dispose scope of its
    /// own, which disposes what they leave in it.
    /// </summary>
    public abstract void Run(IReadOnlyList<long> sizes, Action<int> update);

    /// <summary>Calls <paramref name="update"/> for indices [<paramref name="from"/>, <paramref name="to"/>) on the calling thread.</summary>
    protected static void RunRange(int from, int to, Action<int> update)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        for (var i = from; i < to; i++)
            update(i);
    }

    private sealed class Sequential : ParameterUpdates
    {
        public override void Run(IReadOnlyList<long> sizes, Action<int> update) => RunRange(0, sizes.Count, update);
    }
}
