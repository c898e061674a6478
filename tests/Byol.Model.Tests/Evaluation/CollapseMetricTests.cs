using Byol.Model.Evaluation;
using TorchSharp;

namespace Byol.Model.Tests.Evaluation;

public sealed class CollapseMetricTests
{
    [Fact]
    public void Identical_rows_are_fully_collapsed()
    {
        using var rows = torch.tensor(new float[] { 1, -2, 3 }).repeat(10, 1);
        Assert.Equal(0.0, CollapseMetric.ZStd(rows), 12);
    }

    [Fact]
    public void One_hot_rows_have_the_hand_computed_std()
    {
        // Rows e0..e3 in 8 dims. Columns 0..3 each hold one 1 and three 0s: mean 1/4, squared deviations
        // (3/4)^2 + 3 (1/4)^2 = 3/4, unbiased variance (3/4) / 3 = 1/4, std 1/2. Columns 4..7 are 0.
        // Mean over the 8 columns: 4 x 1/2 / 8 = 1/4.
        using var rows = torch.eye(4, 8).mul(3); // scale is removed by the l2 normalization
        Assert.Equal(0.25, CollapseMetric.ZStd(rows), 12);
    }

    [Fact]
    public void Gaussian_rows_are_close_to_one_over_sqrt_d()
    {
        using var rows = torch.randn(new long[] { 4000, 64 }, generator: new torch.Generator(5));
        Assert.InRange(CollapseMetric.ZStd(rows), 0.9 / 8, 1.1 / 8);
    }
}
