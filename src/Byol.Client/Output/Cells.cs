using System.Globalization;
using Byol.Contracts.Specs;
using Byol.Contracts.Sweeps;

namespace Byol.Client.Output;

/// <summary>How numbers and parameters read in tables: invariant culture, accuracies in percent, "-" when absent.</summary>
public static class Cells
{
    public static string Number(double? value, string format = "F4") => value?.ToString(format, CultureInfo.InvariantCulture) ?? "-";

    public static string Percent(double? value) => value is { } v ? (100 * v).ToString("F1", CultureInfo.InvariantCulture) + "%" : "-";

    public static string Integer(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary><c>tau_base=0.99 base_lr=0.1</c>: each swept parameter by the last part of its path, sorted by path.</summary>
    public static string Params(TrialView trial) =>
        string.Join(" ", trial.Params.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{ShortKey(p.Key)}={p.Value}"));

    public static string ShortKey(string key) => key[(key.LastIndexOf('.') + 1)..];

    public static string State(TrialView trial) => SweepJson.Name(trial.State) + (trial.Error is null ? "" : $": {trial.Error}");

    public static string Objective(SweepView view) => $"{SpecNames.Of(view.Objective.Metric)} ({SpecNames.Of(view.Objective.Mode)})";

    /// <summary>The trial's value of the sweep's objective metric, when it has one.</summary>
    public static double? ObjectiveValue(SweepView view, TrialView trial) => MetricValue(view.Objective.Metric, trial.Metrics);

    /// <summary>The value of <paramref name="metric"/> among a trial's metrics, when it has one.</summary>
    public static double? MetricValue(ObjectiveMetric metric, TrialMetrics metrics) => metric switch
    {
        ObjectiveMetric.KnnTop1 => metrics.KnnTop1,
        ObjectiveMetric.Loss => metrics.Loss,
        ObjectiveMetric.ZStd => metrics.ZStd,
        _ => metrics.LinearTop1,
    };
}
