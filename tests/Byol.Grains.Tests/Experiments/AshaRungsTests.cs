using Byol.Grains.Experiments;

namespace Byol.Grains.Tests.Experiments;

public sealed class AshaRungsTests
{
    [Fact]
    public void Rungs_are_at_grace_times_eta_to_the_k_below_the_budget() =>
        Assert.Equal(new long[] { 100, 300, 900 }, AshaRungs.Milestones(grace: 100, reductionFactor: 3, steps: 2000));

    [Fact]
    public void The_next_stop_is_the_next_rung_or_the_budget()
    {
        Assert.Equal(100, AshaRungs.NextStop(0, 100, 3, 2000));
        Assert.Equal(300, AshaRungs.NextStop(100, 100, 3, 2000));
        Assert.Equal(2000, AshaRungs.NextStop(900, 100, 3, 2000));
    }

    [Fact]
    public void The_first_trial_at_a_rung_goes_on()
    {
        var rungs = new AshaRungs();
        Assert.True(rungs.RecordAndDecide(100, "t0", 0.5, 3));
    }

    [Fact]
    public void Only_the_top_third_of_those_recorded_goes_on_with_eta_three()
    {
        var rungs = new AshaRungs();
        rungs.RecordAndDecide(100, "t0", 0.50, 3);
        rungs.RecordAndDecide(100, "t1", 0.60, 3);
        // Recorded 0.4, 0.5, 0.6: the cut-off is the 2/3 quantile = 0.5333...; 0.4 stops.
        Assert.False(rungs.RecordAndDecide(100, "t2", 0.40, 3));
        // Recorded 0.4, 0.5, 0.6, 0.7: cut-off 0.6; 0.7 goes on.
        Assert.True(rungs.RecordAndDecide(100, "t3", 0.70, 3));
        Assert.Equal(4, rungs.Recorded[100].Count);
    }

    [Fact]
    public void Quantile_interpolates_linearly()
    {
        Assert.Equal(0.5, AshaRungs.Quantile([0.0, 1.0], 0.5), 12);
        Assert.Equal(2.0 / 3, AshaRungs.Quantile([0.0, 0.5, 1.0], 2.0 / 3), 12);
        Assert.Equal(3.0, AshaRungs.Quantile([3.0], 0.9), 12);
    }
}
