using Byol.Contracts.Specs;
using Byol.Contracts.Sweeps;

namespace Byol.Grains.Experiments;

/// <summary>Ranks trials by the sweep's objective: completed trials with the metric first, best first; ties by id.</summary>
public static class TrialRanking
{
    public static double? MetricOf(TrialMetrics metrics, ObjectiveMetric metric) => metric switch
    {
        ObjectiveMetric.LinearTop1 => metrics.LinearTop1,
        ObjectiveMetric.KnnTop1 => metrics.KnnTop1,
        ObjectiveMetric.Loss => metrics.Loss,
        ObjectiveMetric.ZStd => metrics.ZStd,
        _ => null,
    };

    /// <summary>Rank (1 = best) per trial id, for completed trials that have the metric.</summary>
    public static IReadOnlyDictionary<string, int> Rank(IEnumerable<TrialRecord> trials, ObjectiveSpec objective)
    {
        var scored = trials
            .Where(t => t.State == TrialState.Completed)
            .Select(t => (t.Id, Value: MetricOf(t.Metrics, objective.Metric)))
            .Where(t => t.Value is not null && double.IsFinite(t.Value.Value))
            .ToList();
        var ordered = objective.Mode == ObjectiveMode.Max
            ? scored.OrderByDescending(t => t.Value).ThenBy(t => t.Id, StringComparer.Ordinal)
            : scored.OrderBy(t => t.Value).ThenBy(t => t.Id, StringComparer.Ordinal);
        return ordered.Select((t, i) => (t.Id, Rank: i + 1)).ToDictionary(t => t.Id, t => t.Rank);
    }
}
