using System.Globalization;
using System.Text;
using Byol.Client.Api;
using Byol.Contracts.Sweeps;

namespace Byol.Client.Output;

/// <summary>
/// `sweep results --format csv`: a header, then one row per trial in rank order. Columns: rank, trial, seed, state,
/// step, steps, one column per swept parameter (its full path), loss, knn_top1, linear_top1, z_std, images_per_s,
/// silo, restarts, error. Numbers are invariant ("R" round-trip), absent values empty; RFC 4180 quoting.
/// </summary>
public static class ResultsCsv
{
    public static string Write(SweepResults results)
    {
        var parameters = results.Trials.SelectMany(t => t.Params.Keys).Distinct().Order(StringComparer.Ordinal).ToList();
        var text = new StringBuilder();
        Line(text, ["rank", "trial", "seed", "state", "step", "steps", .. parameters,
            "loss", "knn_top1", "linear_top1", "z_std", "images_per_s", "silo", "restarts", "error"]);
        foreach (var t in results.Trials)
        {
            Line(text, [
                t.Rank?.ToString(CultureInfo.InvariantCulture) ?? "", t.Id, Cells.Integer(t.Seed), SweepJson.Name(t.State),
                Cells.Integer(t.Step), Cells.Integer(t.Steps),
                .. parameters.Select(p => t.Params.TryGetValue(p, out var v) ? v.ToString() : ""),
                Real(t.Metrics.Loss), Real(t.Metrics.KnnTop1), Real(t.Metrics.LinearTop1), Real(t.Metrics.ZStd),
                Real(t.Metrics.ImagesPerSecond), t.Silo ?? "", Cells.Integer(t.Restarts), t.Error ?? "",
            ]);
        }
        return text.ToString();
    }

    private static string Real(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? "";

    private static void Line(StringBuilder text, IEnumerable<string> fields) =>
        text.Append(string.Join(",", fields.Select(Quote))).Append('\n');

    private static string Quote(string field) =>
        field.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;
}
