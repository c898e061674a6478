using Byol.Client.Output;
using Byol.Contracts.Specs;
using Byol.Contracts.Sweeps;

namespace Byol.Client.Report;

/// <summary>A baseline representation on the paper's scale: the paper's metric (null for loss and z_std) and kNN top-1.</summary>
public sealed record PaperBaseline(string Name, double? Value, double Knn);

/// <summary>
/// The sweep's <c>paper:</c> block beside what Byol measured: for each paper row the completed trials that match it
/// (its seeds) with the paper's metric as mean ± sample sd in the paper's units (accuracies in percent points), kNN
/// top-1 and z_std means; with <c>relative_to</c>, differences from the reference row as the paper gives them; whether
/// Byol orders the rows as the paper does; and the baselines on the same eval split. Pure: no I/O.
/// </summary>
public sealed record PaperComparison(
    PaperReference Paper,
    IReadOnlyList<PaperRowResult> Rows,
    PaperOrdering Ordering,
    IReadOnlyList<PaperBaseline> Baselines)
{
    /// <summary>True when the paper's figures are differences from a reference row.</summary>
    public bool IsRelative => Paper.RelativeTo is { Count: > 0 };

    /// <summary>The paper's metric by its spec name: <c>linear_top1</c>.</summary>
    public string Metric => SpecNames.Of(Paper.Metric);

    /// <summary>Accuracies are compared in percent points; loss and z_std as they are.</summary>
    public bool InPercent => Paper.Metric is ObjectiveMetric.LinearTop1 or ObjectiveMetric.KnnTop1;

    /// <summary>The comparison of <paramref name="view"/>'s trials (all of them, not a top-K cut) with its paper block.</summary>
    public static PaperComparison? Of(SweepView view) => view.Paper is { } paper ? Of(paper, view.Trials, view.Baselines) : null;

    public static PaperComparison Of(PaperReference paper, IReadOnlyList<TrialView> trials, Baselines? baselines)
    {
        var completed = trials.Where(t => t.State == TrialState.Completed).ToList();
        var rows = paper.Rows.Select(row => Row(paper, row, completed)).ToList();
        return new PaperComparison(paper, rows, PaperOrdering.Of(rows), Baseline(paper.Metric, baselines));
    }

    private static PaperRowResult Row(PaperReference paper, PaperRow row, IReadOnlyList<TrialView> completed)
    {
        var measured = Measure(paper.Metric, completed.Where(t => row.Matches(t.Params)));
        if (paper.RelativeTo is not { Count: > 0 } relativeTo)
            return new PaperRowResult(row, measured);
        var reference = new PaperRow { Match = ReferenceMatch(row.Match, relativeTo) };
        var listed = paper.Rows.FirstOrDefault(r => SameMatch(r.Match, reference.Match));
        return new PaperRowResult(row, measured)
        {
            ReferenceLabel = listed?.Label ?? reference.Match.ToString(),
            Reference = Measure(paper.Metric, completed.Where(t => reference.Matches(t.Params))),
            IsReference = SameMatch(row.Match, reference.Match),
        };
    }

    /// <summary>The row's match with the <c>relative_to</c> values in place of its own (added where it has none).</summary>
    public static ParamMap ReferenceMatch(ParamMap match, ParamMap relativeTo) =>
        new(match.Select(m => KeyValuePair.Create(m.Key, relativeTo.TryGetValue(m.Key, out var r) ? r : m.Value))
            .Concat(relativeTo.Where(r => !match.ContainsKey(r.Key))));

    private static bool SameMatch(ParamMap a, ParamMap b) =>
        a.Count == b.Count && a.All(e => b.TryGetValue(e.Key, out var v) && v.ToString() == e.Value.ToString());

    private static MeasuredStats Measure(ObjectiveMetric metric, IEnumerable<TrialView> trials)
    {
        var scale = metric is ObjectiveMetric.LinearTop1 or ObjectiveMetric.KnnTop1 ? 100 : 1;
        var measured = trials
            .Select(t => (t.Id, Value: Cells.MetricValue(metric, t.Metrics), t.Metrics))
            .Where(t => t.Value is not null)
            .ToList();
        if (measured.Count == 0)
            return MeasuredStats.None;
        var (mean, sd) = MeasuredStats.MeanAndSd(measured.Select(t => scale * t.Value!.Value).ToList());
        return new MeasuredStats(measured.Select(t => t.Id).ToList(), mean, sd,
            Mean(measured.Select(t => 100 * t.Metrics.KnnTop1)), Mean(measured.Select(t => t.Metrics.ZStd)));
    }

    private static double? Mean(IEnumerable<double?> values)
    {
        var present = values.OfType<double>().ToList();
        return present.Count == 0 ? null : present.Average();
    }

    private static IReadOnlyList<PaperBaseline> Baseline(ObjectiveMetric metric, Baselines? baselines)
    {
        if (baselines is null)
            return [];
        double? Pick(BaselineScores s) => metric switch
        {
            ObjectiveMetric.KnnTop1 => 100 * s.KnnTop1,
            ObjectiveMetric.LinearTop1 => 100 * s.LinearTop1,
            _ => null,
        };
        return
        [
            new PaperBaseline("random-init encoder", Pick(baselines.RandomInit), 100 * baselines.RandomInit.KnnTop1),
            new PaperBaseline("raw pixels", Pick(baselines.RawPixels), 100 * baselines.RawPixels.KnnTop1),
        ];
    }
}
