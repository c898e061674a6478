using System.Text.Json.Nodes;

namespace Byol.Benchmarks.Cluster;

/// <summary>Nearest-rank percentiles of a sample, and the summary the cluster benchmarks print.</summary>
public static class Percentiles
{
    /// <param name="p">In [0, 100]; the smallest value with at least p% of the sample at or below it.</param>
    public static double Of(IReadOnlyList<double> values, double p)
    {
        if (values.Count == 0)
            return double.NaN;
        var sorted = values.Order().ToArray();
        var rank = (int)Math.Ceiling(p / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    /// <summary>{ count, p50, p95, p99, max, mean } in the sample's unit, rounded to 0.01.</summary>
    public static JsonObject Summary(IReadOnlyList<double> values) => new()
    {
        ["count"] = values.Count,
        ["p50"] = Round(Of(values, 50)),
        ["p95"] = Round(Of(values, 95)),
        ["p99"] = Round(Of(values, 99)),
        ["max"] = Round(values.Count == 0 ? double.NaN : values.Max()),
        ["mean"] = Round(values.Count == 0 ? double.NaN : values.Average()),
    };

    public static double? Round(double value) => double.IsFinite(value) ? Math.Round(value, 2) : null;
}
