using Byol.Model.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Byol.Model.Networks;

/// <summary>
/// Batch-norm running statistics for one lane of a step whose two views train on two threads at once
/// (<see cref="Training.ViewLanes"/>). In training mode a batch norm updates its running mean and variance in place,
/// r ← (1 − m)·r + m·b; two lanes doing that to the same module at once would race, and the result would depend on
/// which went first. Instead, while a lane is entered on a thread, each <see cref="ScalarSafeBatchNorm"/> it runs
/// normalizes with the batch's statistics as always but updates a copy of the module's running statistics, tagged with
/// the view whose batch it saw. <see cref="Merge"/> then applies the copies to the modules in view order, as the
/// one-thread step does (view 1's batch, then view 2's): with r₁ and r₂ the copies updated from the same r,
/// r ← (1 − m)·r₁ + r₂ − (1 − m)·r, which is (1 − m)·((1 − m)·r + m·b₁) + m·b₂. The copies outlive the dispose
/// scopes of the forward that made them; dispose this on the thread that made them (each thread frees what it
/// allocated), after the merge.
/// </summary>
internal sealed class LaneBatchStatistics : IDisposable
{
    [ThreadStatic] private static LaneBatchStatistics? current;

    private readonly List<Update> updates = [];

    private sealed record Update(ScalarSafeBatchNorm Module, int View, Tensor Mean, Tensor Variance);

    /// <summary>The lane entered on the calling thread, if any.</summary>
    public static LaneBatchStatistics? Current => current;

    /// <summary>The view (1 or 2) whose batch the next batch norms on this lane see.</summary>
    public int View { get; set; } = 1;

    /// <summary>Makes this the calling thread's lane until the returned value is disposed.</summary>
    public Entered Enter()
    {
        if (current is not null)
            throw new InvalidOperationException("a lane is already entered on this thread");
        current = this;
        return new Entered();
    }

    public readonly struct Entered : IDisposable
    {
        public void Dispose() => current = null;
    }

    /// <summary>Training-mode batch norm of <paramref name="input"/> that updates this lane's copy of the module's running statistics.</summary>
    internal Tensor Normalize(ScalarSafeBatchNorm module, Tensor input, double momentum, double epsilon)
    {
        if (updates.Any(u => ReferenceEquals(u.Module, module) && u.View == View))
            throw new InvalidOperationException($"a batch norm saw view {View} twice in one lane");
        Tensor mean, variance;
        using (no_grad())
        {
            mean = module.running_mean!.clone().DetachFromDisposeScope();
            variance = module.running_var!.clone().DetachFromDisposeScope();
        }
        updates.Add(new Update(module, View, mean, variance));
        return nn.functional.batch_norm(input, mean, variance, module.weight, module.bias, training: true, momentum, epsilon);
    }

    /// <summary>Applies both lanes' updates to the modules' running statistics, in view order, and counts their batches.</summary>
    public static void Merge(LaneBatchStatistics first, LaneBatchStatistics second)
    {
        using var _ = no_grad();
        foreach (var module in first.updates.Concat(second.updates).GroupBy(u => u.Module))
        {
            var inOrder = module.OrderBy(u => u.View).ToList();
            Fold(module.Key.running_mean!, inOrder.Select(u => u.Mean).ToList(), module.Key.Momentum);
            Fold(module.Key.running_var!, inOrder.Select(u => u.Variance).ToList(), module.Key.Momentum);
            foreach (var __ in inOrder)
                module.Key.num_batches_tracked?.add_(Scalars.One, Scalars.One);
        }
    }

    /// <summary>r ← r₁, then for each next copy rₖ: r ← (1 − m)·r + rₖ − (1 − m)·r₀, with r₀ the statistics before the step.</summary>
    private static void Fold(Tensor running, IReadOnlyList<Tensor> updated, double momentum)
    {
        using var before = running.clone();
        using var keep = (1 - momentum).ToScalar();
        using var minusKeep = (momentum - 1).ToScalar();
        running.copy_(updated[0]);
        for (var i = 1; i < updated.Count; i++)
            running.mul_(keep).add_(updated[i], Scalars.One).add_(before, minusKeep);
    }

    public void Dispose()
    {
        foreach (var u in updates)
        {
            u.Mean.Dispose();
            u.Variance.Dispose();
        }
        updates.Clear();
    }
}
