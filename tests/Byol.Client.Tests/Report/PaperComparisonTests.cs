using Byol.Client.Report;
using Byol.Contracts.Specs;
using Byol.Contracts.Sweeps;

namespace Byol.Client.Tests.Report;

public sealed class PaperComparisonTests
{
    private static PaperRowResult RowOf(PaperComparison comparison, string label) => comparison.Rows.Single(r => r.Label == label);

    [Fact]
    public void Each_row_has_the_mean_and_sample_sd_over_its_completed_trials_in_percent()
    {
        var comparison = PaperComparison.Of(PaperViews.Table5a())!;

        Assert.Equal(["tau 0", "tau 0.5", "tau 0.9", "tau 0.99", "tau 0.996", "tau 1.0"], comparison.Rows.Select(r => r.Label));
        var tau0 = RowOf(comparison, "tau 0");
        Assert.Equal(["t0", "t1"], tau0.Measured.Trials); // t2 failed: not counted
        Assert.Equal(11.0, tau0.Measured.Mean!.Value, 9);
        Assert.Equal(Math.Sqrt(2), tau0.Measured.Sd!.Value, 9);
        Assert.Equal(9.0, tau0.Measured.KnnMean!.Value, 9);
        Assert.Equal(0.02, tau0.Measured.ZStdMean!.Value, 9);
        Assert.Equal(0.3, tau0.Paper);
        Assert.Equal(11.0, tau0.Compared!.Value, 9);

        var tau09 = RowOf(comparison, "tau 0.9");
        Assert.Equal(3, tau09.Measured.N);
        Assert.Equal(64.0, tau09.Measured.Mean!.Value, 9);
        Assert.Equal(4.0, tau09.Measured.Sd!.Value, 9);
        Assert.Equal(61.0, tau09.Measured.KnnMean!.Value, 9);
    }

    [Fact]
    public void One_seed_has_no_sd_a_row_without_paper_value_is_measured_only_and_one_without_completed_trials_is_empty()
    {
        var comparison = PaperComparison.Of(PaperViews.Table5a())!;

        var single = RowOf(comparison, "tau 0.99");
        Assert.Equal(1, single.Measured.N);
        Assert.Equal(60.0, single.Measured.Mean!.Value, 9);
        Assert.Null(single.Measured.Sd);

        var measuredOnly = RowOf(comparison, "tau 0.5");
        Assert.Null(measuredOnly.Paper);
        Assert.Equal(30.0, measuredOnly.Compared!.Value, 9);
        Assert.DoesNotContain(comparison.Ordering.Pairs, p => p.Above == measuredOnly || p.Below == measuredOnly);

        var running = RowOf(comparison, "tau 1.0");
        Assert.Equal(0, running.Measured.N);
        Assert.Null(running.Measured.Mean);
        Assert.Null(running.Measured.KnnMean);
        Assert.Null(running.Compared);
        Assert.DoesNotContain(comparison.Ordering.Pairs, p => p.Above == running || p.Below == running);
    }

    [Fact]
    public void The_verdict_counts_the_pairs_ordered_as_in_the_paper_lists_the_others_and_skips_paper_ties()
    {
        var ordering = PaperComparison.Of(PaperViews.Table5a())!.Ordering;

        // Rows with a paper value and a measurement: tau 0 (0.3 | 11), 0.9 (68.4 | 64), 0.99 (72.1 | 60), 0.996 (72.5 | 56).
        // 0.99 vs 0.996 differ by 0.4 points in the paper: a tie, not counted.
        Assert.Equal(5, ordering.Pairs.Count);
        Assert.Equal(1, ordering.TiedInPaper);
        Assert.Equal(3, ordering.Agreeing);
        Assert.Equal([("tau 0.99", "tau 0.9"), ("tau 0.996", "tau 0.9")], ordering.Disagreeing.Select(p => (p.Above.Label, p.Below.Label)));
        Assert.Equal(-4.0, ordering.Disagreeing[0].MeasuredDifference, 9);
        Assert.Equal(0.2, ordering.KendallTau!.Value, 9);
    }

    [Fact]
    public void When_every_pair_follows_the_paper_nothing_disagrees_and_tau_is_one()
    {
        var view = PaperViews.Table5a();
        view = view with
        {
            Trials = view.Trials.Where(t => t.Params["train.tau_base"].AsDouble is not (0.99 or 0.996)).ToList(),
        };
        var ordering = PaperComparison.Of(view)!.Ordering;

        Assert.Single(ordering.Pairs);
        Assert.Equal(0, ordering.TiedInPaper);
        Assert.Equal(1, ordering.Agreeing);
        Assert.Empty(ordering.Disagreeing);
        Assert.Equal(1.0, ordering.KendallTau);
    }

    [Fact]
    public void Without_any_comparable_pair_there_is_no_tau()
    {
        var view = PaperViews.Table5a() with { Trials = [] };
        var ordering = PaperComparison.Of(view)!.Ordering;
        Assert.Empty(ordering.Pairs);
        Assert.Null(ordering.KendallTau);
    }

    [Fact]
    public void Relative_rows_are_differences_from_the_reference_with_the_same_other_values()
    {
        var comparison = PaperComparison.Of(PaperViews.Figure3())!;
        Assert.True(comparison.IsRelative);

        var byol256 = RowOf(comparison, "BYOL 256");
        Assert.True(byol256.IsReference);
        Assert.Equal("BYOL 256", byol256.ReferenceLabel);
        Assert.Equal(0.0, byol256.Compared);
        Assert.Equal(71.0, byol256.Measured.Mean!.Value, 9);

        var byol64 = RowOf(comparison, "BYOL 64");
        Assert.False(byol64.IsReference);
        Assert.Equal("BYOL 256", byol64.ReferenceLabel);
        Assert.Equal(-3.0, byol64.Compared!.Value, 9);
        Assert.Equal(0.0, byol64.Measured.Sd!.Value, 9);

        var simclr64 = RowOf(comparison, "SimCLR 64");
        Assert.Equal("SimCLR 256", simclr64.ReferenceLabel);
        Assert.Equal(60.0, simclr64.Reference!.Mean!.Value, 9);
        Assert.Equal(-8.0, simclr64.Compared!.Value, 9);
        Assert.Equal(Math.Sqrt(8), simclr64.Measured.Sd!.Value, 9);

        var simclr256 = RowOf(comparison, "SimCLR 256");
        Assert.True(simclr256.IsReference);
        Assert.Null(simclr256.Paper);
    }

    [Fact]
    public void A_relative_row_whose_reference_has_no_completed_trials_is_not_compared()
    {
        var comparison = PaperComparison.Of(PaperViews.Figure3())!;
        var barlow = RowOf(comparison, "Barlow 64");

        Assert.Equal("train.objective=barlow batch=256", barlow.ReferenceLabel);
        Assert.Equal(0, barlow.Reference!.N);
        Assert.Equal(30.0, barlow.Measured.Mean!.Value, 9);
        Assert.Null(barlow.Compared);
        // BYOL 256 (0 | 0), BYOL 64 (-2 | -3), SimCLR 64 (-8 | -8): all three pairs in the paper's order.
        Assert.Equal(3, comparison.Ordering.Pairs.Count);
        Assert.Equal(3, comparison.Ordering.Agreeing);
        Assert.Equal(1.0, comparison.Ordering.KendallTau);
    }

    [Fact]
    public void The_reference_match_replaces_the_relative_axis_and_adds_it_where_missing()
    {
        var relativeTo = new ParamMap([KeyValuePair.Create("batch", (ParamValue)"256")]);
        var replaced = PaperComparison.ReferenceMatch(new ParamMap([KeyValuePair.Create("train.objective", (ParamValue)"byol"), KeyValuePair.Create("batch", (ParamValue)"64")]), relativeTo);
        var added = PaperComparison.ReferenceMatch(new ParamMap([KeyValuePair.Create("train.objective", (ParamValue)"byol")]), relativeTo);
        Assert.Equal("train.objective=byol batch=256", replaced.ToString());
        Assert.Equal("train.objective=byol batch=256", added.ToString());
    }

    [Fact]
    public void Baselines_are_on_the_papers_scale_and_absent_when_not_evaluated()
    {
        var comparison = PaperComparison.Of(PaperViews.Table5a())!;
        Assert.Equal([("random-init encoder", 25.0, 20.0), ("raw pixels", 35.0, 30.0)],
            comparison.Baselines.Select(b => (b.Name, Math.Round(b.Value!.Value, 9), Math.Round(b.Knn, 9))));

        var knn = PaperViews.Table5a() with { Paper = PaperViews.Table5a().Paper! with { Metric = ObjectiveMetric.KnnTop1 } };
        Assert.Equal(20.0, PaperComparison.Of(knn)!.Baselines[0].Value!.Value, 9);
        Assert.Equal(9.0, PaperComparison.Of(knn)!.Rows[0].Measured.Mean!.Value, 9);

        Assert.Empty(PaperComparison.Of(PaperViews.Table5a() with { Baselines = null })!.Baselines);
        Assert.Null(PaperComparison.Of(PaperViews.Table5a() with { Paper = null }));
    }

    [Fact]
    public void Sample_sd_divides_by_n_minus_one()
    {
        var (mean, sd) = MeasuredStats.MeanAndSd([2, 4, 4, 4, 5, 5, 7, 9]);
        Assert.Equal(5.0, mean);
        Assert.Equal(Math.Sqrt(32.0 / 7), sd!.Value, 12);
        Assert.Equal((null, null), MeasuredStats.MeanAndSd([]));
    }
}
