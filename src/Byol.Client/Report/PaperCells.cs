using System.Globalization;

namespace Byol.Client.Report;

/// <summary>
/// How the paper comparison reads, the same in index.html and paper.md: accuracies in percent to one decimal, loss and
/// z_std to three, differences signed, "-" where there is no value.
/// </summary>
public static class PaperCells
{
    public static readonly string[] Columns = ["row", "paper", "Byol mean ± sd (n)", "kNN top-1 %", "z_std"];

    /// <summary>"linear_top1, percent points" or, relative, "... differences from the reference row (row - reference)".</summary>
    public static string Scale(PaperComparison comparison) =>
        $"{comparison.Metric}{(comparison.InPercent ? " in percent points" : "")}"
        + (comparison.IsRelative
            ? $", as differences from the reference row ({comparison.Paper.RelativeTo} with the other values the same): row - reference, a decrease is negative"
            : "");

    public static string Paper(PaperComparison comparison, PaperRowResult row) => row.Paper switch
    {
        { } value => Value(comparison, value, comparison.IsRelative),
        null when row.IsReference => "reference",
        _ => "-",
    };

    public static string Byol(PaperComparison comparison, PaperRowResult row)
    {
        var absolute = Stats(comparison, row.Measured.Mean, row.Measured);
        if (row.Measured.N == 0)
            return "- (0)";
        if (!comparison.IsRelative)
            return absolute;
        if (row.IsReference)
            return $"{Value(comparison, 0, signed: true)} (reference: {absolute})";
        return row.Compared is { } difference
            ? Stats(comparison, difference, row.Measured, signed: true)
            : $"- (reference {row.ReferenceLabel} not measured; absolute {absolute})";
    }

    public static string Knn(MeasuredStats measured) => Format(measured.KnnMean, "F1");

    public static string ZStd(MeasuredStats measured) => Format(measured.ZStdMean, "F3");

    public static string Value(PaperComparison comparison, double value, bool signed = false)
    {
        var digits = comparison.InPercent ? "0.0" : "0.000";
        return value.ToString(signed ? $"+{digits};-{digits};{digits}" : digits, CultureInfo.InvariantCulture);
    }

    /// <summary>"Byol orders 8 of 10 pairs as the paper does (Kendall's tau 0.60); unordered in the paper ...".</summary>
    public static string Verdict(PaperOrdering ordering)
    {
        var tied = ordering.TiedInPaper == 0
            ? ""
            : $"; unordered in the paper (within {PaperOrdering.TieTolerance.ToString(CultureInfo.InvariantCulture)} points): {Count(ordering.TiedInPaper, "pair")}";
        if (ordering.Pairs.Count == 0)
            return $"No pair of measured rows that the paper orders: nothing to compare{tied}.";
        var tau = ordering.KendallTau!.Value.ToString("F2", CultureInfo.InvariantCulture);
        return $"Byol orders {ordering.Agreeing} of {Count(ordering.Pairs.Count, "pair")} as the paper does (Kendall's tau {tau}){tied}.";
    }

    /// <summary>"tau 0.9 above tau 0: paper 68.4 vs 0.3, Byol 10.0 vs 12.0".</summary>
    public static string Pair(PaperComparison comparison, PaperPair pair)
    {
        var signed = comparison.IsRelative;
        return $"{pair.Above.Label} above {pair.Below.Label}: paper {Value(comparison, pair.Above.Paper!.Value, signed)} vs "
            + $"{Value(comparison, pair.Below.Paper!.Value, signed)}, Byol {Value(comparison, pair.Above.Compared!.Value, signed)} vs "
            + $"{Value(comparison, pair.Below.Compared!.Value, signed)}";
    }

    /// <summary>"random-init encoder: linear_top1 10.0, kNN top-1 9.0".</summary>
    public static string Baseline(PaperComparison comparison, PaperBaseline baseline) =>
        $"{baseline.Name}: " + (baseline.Value is { } value ? $"{comparison.Metric} {Value(comparison, value)}, " : "")
        + $"kNN top-1 {Format(baseline.Knn, "F1")}";

    private static string Stats(PaperComparison comparison, double? value, MeasuredStats measured, bool signed = false) =>
        value is not { } v
            ? $"- ({measured.N})"
            : Value(comparison, v, signed) + (measured.Sd is { } sd ? $" ± {Value(comparison, sd)}" : "") + $" ({measured.N})";

    private static string Format(double? value, string format) => value?.ToString(format, CultureInfo.InvariantCulture) ?? "-";

    private static string Count(int n, string noun) => $"{n} {noun}{(n == 1 ? "" : "s")}";
}
