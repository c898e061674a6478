using Byol.Model.Objectives;
using static TorchSharp.torch;

namespace Byol.Model.Tests.Objectives;

public sealed class ByolObjectiveTests
{
    [Fact]
    public void Identical_vectors_cost_zero()
    {
        using var q = tensor(new float[,] { { 1, 2, 3 }, { -1, 0, 4 } });
        using var loss = ByolObjective.Regression(q, q.clone() * 7);
        Assert.Equal(0f, loss.item<float>(), 1e-6f);
    }

    [Fact]
    public void Opposite_vectors_cost_four()
    {
        using var q = tensor(new float[,] { { 1, 2, 3 } });
        using var loss = ByolObjective.Regression(q, -q);
        Assert.Equal(4f, loss.item<float>(), 1e-6f);
    }

    [Fact]
    public void Orthogonal_vectors_cost_two()
    {
        using var q = tensor(new float[,] { { 1, 0 } });
        using var z = tensor(new float[,] { { 0, 3 } });
        using var loss = ByolObjective.Regression(q, z);
        Assert.Equal(2f, loss.item<float>(), 1e-6f);
    }

    [Fact]
    public void Symmetric_loss_sums_both_orderings()
    {
        using var q1 = tensor(new float[,] { { 1, 0 } });
        using var q2 = tensor(new float[,] { { 1, 0 } });
        using var t1 = tensor(new float[,] { { -1, 0 } }); // opposite of q2: 4
        using var t2 = tensor(new float[,] { { 0, 1 } });  // orthogonal to q1: 2
        var outputs = new ViewPairOutputs(q1, q2, q1, q2, t1, t2);
        using var loss = new ByolObjective().Loss(outputs);
        Assert.Equal(6f, loss.item<float>(), 1e-6f);
    }

    [Fact]
    public void The_target_projection_receives_no_gradient()
    {
        using var q = tensor(new float[,] { { 1, 2 } }, requires_grad: true);
        using var z = tensor(new float[,] { { 2, -1 } }, requires_grad: true);
        using var loss = ByolObjective.Regression(q, z);
        loss.backward();
        Assert.NotNull(q.grad);
        Assert.Null(z.grad);
    }
}
