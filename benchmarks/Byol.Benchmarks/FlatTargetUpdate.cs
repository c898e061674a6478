using TorchSharp;
using static TorchSharp.torch;

namespace Byol.Benchmarks;

/// <summary>
/// A candidate for <c>TargetNetworkUpdate</c> (the lever "fused EMA"): the online and the target parameters are moved
/// once into one contiguous buffer each (every parameter becomes a view of its buffer, with <c>set_</c>), so that
/// ξ ← τξ + (1 − τ)θ is one <c>mul_</c> and one <c>add_</c> over the whole network instead of two per parameter
/// tensor. TorchSharp 0.107 has no <c>torch._foreach_*</c>; this is the same effect by hand.
/// </summary>
internal sealed class FlatTargetUpdate : IDisposable
{
    private readonly Tensor _online;
    private readonly Tensor _target;

    public FlatTargetUpdate(nn.Module onlineBranch, nn.Module targetBranch)
    {
        _online = Flatten(onlineBranch.parameters().Cast<Tensor>().ToList());
        _target = Flatten(targetBranch.parameters().Cast<Tensor>().ToList());
    }

    public void Apply(double tau)
    {
        using var _ = no_grad();
        _target.mul_(tau).add_(_online, alpha: 1 - tau);
    }

    /// <summary>One buffer holding all <paramref name="parameters"/>, each re-pointed at its slice.</summary>
    private static Tensor Flatten(List<Tensor> parameters)
    {
        using var _ = no_grad();
        var buffer = zeros(parameters.Sum(p => p.numel()), dtype: parameters[0].dtype, device: parameters[0].device);
        long offset = 0;
        foreach (var parameter in parameters)
        {
            var count = parameter.numel();
            using var slice = buffer.narrow(0, offset, count).view(parameter.shape);
            slice.copy_(parameter);
            parameter.set_(slice);
            offset += count;
        }
        return buffer;
    }

    public void Dispose()
    {
        _online.Dispose();
        _target.Dispose();
    }
}
