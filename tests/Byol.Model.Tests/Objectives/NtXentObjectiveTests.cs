using Byol.Model.Objectives;
using static TorchSharp.torch;

namespace Byol.Model.Tests.Objectives;

public sealed class NtXentObjectiveTests
{
    [Fact]
    public void Matches_the_hand_computed_value_for_two_pairs()
    {
        // Views: z1 = [e1, e2], z2 = [e1, e2]; each row's partner has similarity 1, the other two rows 0 and 0... 
        // row 0 (e1): candidates rows 1 (e2, sim 0), 2 (e1, sim 1, partner), 3 (e2, sim 0).
        using var z1 = tensor(new float[,] { { 1, 0 }, { 0, 1 } });
        using var z2 = tensor(new float[,] { { 1, 0 }, { 0, 1 } });
        const double t = 0.5;
        using var loss = new NtXentObjective(t).Loss(new ViewPairOutputs(z1, z2, null, null, null, null));
        var expected = -Math.Log(Math.Exp(1 / t) / (Math.Exp(1 / t) + 2 * Math.Exp(0)));
        Assert.Equal(expected, loss.item<float>(), 5);
    }

    [Fact]
    public void Needs_no_target() => Assert.False(new NtXentObjective().NeedsTarget);
}
