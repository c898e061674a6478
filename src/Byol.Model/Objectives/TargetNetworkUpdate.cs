using Byol.Model.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Byol.Model.Objectives;

/// <summary>
/// The target's exponential moving average, applied after each optimizer step. Paper: "ξ ← τξ + (1 − τ)θ".
/// Parameters only: the target keeps its own batch-norm statistics. τ = 1 leaves the target unchanged (the fixed
/// random target of the ablation); τ = 0 copies the online weights.
/// </summary>
public sealed class TargetNetworkUpdate
{
    private readonly Tensor[] online;
    private readonly Tensor[] target;
    private readonly long[] sizes;

    public TargetNetworkUpdate(nn.Module onlineBranch, nn.Module targetBranch)
    {
        var o = onlineBranch.named_parameters().ToList();
        var t = targetBranch.named_parameters().ToList();
        if (o.Count != t.Count || o.Zip(t).Any(p => p.First.name != p.Second.name || !p.First.parameter.shape.SequenceEqual(p.Second.parameter.shape)))
            throw new ArgumentException("online and target networks differ in their parameters");
        online = o.Select(p => (Tensor)p.parameter).ToArray();
        target = t.Select(p => (Tensor)p.parameter).ToArray();
        sizes = target.Select(p => p.numel()).ToArray();
    }

    public void Apply(double tau) => Apply(tau, ParameterUpdates.OnCallingThread);

    /// <summary>As <see cref="Apply(double)"/>, parameter by parameter where <paramref name="updates"/> runs them.</summary>
    public void Apply(double tau, ParameterUpdates updates)
    {
        if (tau is < 0 or > 1)
            throw new ArgumentOutOfRangeException(nameof(tau), tau, "tau must be in [0, 1]");
        if (tau == 1)
            return; // the fixed target
        using var keep = tau.ToScalar(); // TorchSharp reads Scalars; these stay alive until every update has run
        using var take = (1 - tau).ToScalar();
        updates.Run(sizes, i =>
        {
            if (tau == 0)
                target[i].copy_(online[i]);
            else
                target[i].mul_(keep).add_(online[i], alpha: take);
        });
    }
}
