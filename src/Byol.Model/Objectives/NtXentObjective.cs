using Byol.Model.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Byol.Model.Objectives;

/// <summary>
/// SimCLR's normalized temperature-scaled cross entropy (Chen et al. 2020), on the online projections of the two
/// views: each of the 2N projections must pick its partner among the other 2N − 1. BYOL's paper compares against
/// it ("SimCLR ... relies on negative pairs"); it needs no target network and no predictor.
/// </summary>
public sealed class NtXentObjective(double temperature = 0.1) : ISelfSupervisedObjective
{
    private static readonly Scalar MinusInfinity = double.NegativeInfinity.ToScalar(); // kept alive for every op that reads it (see Scalars)

    public string Name => "simclr";
    public bool NeedsTarget => false;
    public double Temperature { get; } = temperature > 0 ? temperature : throw new ArgumentOutOfRangeException(nameof(temperature));

    public Tensor Loss(ViewPairOutputs o)
    {
        using var scope = NewDisposeScope();
        var n = o.OnlineProjection1.shape[0];
        using var temperatureScalar = Temperature.ToScalar(); // TorchSharp reads Scalars; these stay alive until Loss returns
        using var count = n.ToScalar();
        using var doubleCount = (2 * n).ToScalar();
        var z = nn.functional.normalize(cat([o.OnlineProjection1, o.OnlineProjection2], 0), p: 2, dim: 1);
        var logits = z.matmul(z.t()).div(temperatureScalar);
        var self = eye(2 * n, dtype: ScalarType.Bool, device: z.device);
        logits = logits.masked_fill(self, MinusInfinity);
        var partner = cat([arange(count, doubleCount, Scalars.One), arange(Scalars.Zero, count, Scalars.One)]).to(z.device);
        return nn.functional.cross_entropy(logits, partner).MoveToOuterDisposeScope();
    }
}
