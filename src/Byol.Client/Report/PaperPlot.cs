using ScottPlot;

namespace Byol.Client.Report;

/// <summary>
/// paper.png: for each paper row, the paper's figure and Byol's mean with ±sd error bars as grouped bars (differences
/// from the reference row when the paper's are), labelled with their values; the baselines as dashed lines when the
/// values are absolute accuracies.
/// </summary>
public static class PaperPlot
{
    public const string File = "paper.png";
    public const int Height = 600;
    private const double BarWidth = 0.38;
    private const float TextSize = 15;

    private const int Margins = 300;
    private const int PixelsPerChar = 10;

    public static int Width(PaperComparison comparison) => Math.Max(900, 150 * comparison.Rows.Count + Margins);

    public static string Caption(PaperComparison comparison) =>
        $"The paper's figure and Byol's mean ± sd per row ({PaperCells.Scale(comparison)})"
        + (Baselines(comparison).Any() ? "; dashed lines: the baselines on the same eval split"
            : comparison.IsRelative && comparison.Baselines.Count > 0 ? "; the baselines are absolute values, so they are in the table, not drawn" : "");

    /// <summary>Writes paper.png into <paramref name="directory"/>; returns its path.</summary>
    public static string Write(PaperComparison comparison, string directory)
    {
        var path = Path.Combine(directory, File);
        Create(comparison).SavePng(path, Width(comparison), Height);
        return path;
    }

    public static Plot Create(PaperComparison comparison)
    {
        var plot = new Plot();
        var rows = comparison.Rows;
        var paper = rows.Select((r, i) => (r, i)).Where(x => x.r.Paper is not null)
            .Select(x => Bar(comparison, x.i - BarWidth / 2, x.r.Paper!.Value, null)).ToList();
        var measured = rows.Select((r, i) => (r, i)).Where(x => x.r.Compared is not null)
            .Select(x => Bar(comparison, x.i + BarWidth / 2, x.r.Compared!.Value, x.r.Measured.Sd)).ToList();
        Series(plot, paper, "paper", Colors.SlateGray);
        Series(plot, measured, "Byol (mean ± sd)", Colors.DarkOrange);
        foreach (var (baseline, color) in Baselines(comparison).Zip(new[] { Colors.FireBrick, Colors.DarkGreen }))
        {
            var line = plot.Add.HorizontalLine(baseline.Value!.Value);
            line.LegendText = baseline.Name;
            line.LinePattern = LinePattern.Dashed;
            line.LineWidth = 2;
            line.Color = color;
        }
        if (comparison.IsRelative)
            plot.Add.HorizontalLine(0, 1, Colors.Black);
        Ticks(plot, rows.Select(r => r.Label).ToArray(), Width(comparison));
        plot.Title($"{ShortSource(comparison.Paper.Source)} vs Byol", TextSize + 3);
        plot.YLabel(comparison.IsRelative ? $"{comparison.Metric} - reference{(comparison.InPercent ? " (points)" : "")}" : comparison.Metric + (comparison.InPercent ? " (%)" : ""), TextSize + 1);
        plot.Axes.Left.TickLabelStyle.FontSize = TextSize;
        plot.Legend.FontSize = TextSize;
        plot.ShowLegend(Edge.Right);
        return plot;
    }

    private static IEnumerable<PaperBaseline> Baselines(PaperComparison comparison) =>
        comparison.IsRelative ? [] : comparison.Baselines.Where(b => b.Value is not null);

    private static Bar Bar(PaperComparison comparison, double position, double value, double? sd) => new()
    {
        Position = position,
        Value = value,
        Error = sd ?? 0,
        Size = BarWidth,
        Label = PaperCells.Value(comparison, value, comparison.IsRelative),
    };

    private static void Series(Plot plot, List<Bar> bars, string name, Color color)
    {
        if (bars.Count == 0)
            return;
        var series = plot.Add.Bars(bars);
        series.Color = color;
        series.LegendText = name;
        series.ValueLabelStyle.FontSize = TextSize - 2;
    }

    /// <summary>One tick per row under its pair of bars; labels wider than their slot wrap onto more lines.</summary>
    private static void Ticks(Plot plot, string[] labels, int width)
    {
        var perLine = Math.Max(10, (width - Margins) / Math.Max(1, labels.Length) / PixelsPerChar);
        var wrapped = labels.Select(l => Wrap(l, perLine)).ToArray();
        var bottom = plot.Axes.Bottom;
        bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            Enumerable.Range(0, labels.Length).Select(i => (double)i).ToArray(), wrapped);
        bottom.TickLabelStyle.FontSize = TextSize;
        bottom.MajorTickStyle.Length = 0;
        bottom.MinimumSize = 12 + 20 * wrapped.Select(w => w.Count(c => c == '\n') + 1).DefaultIfEmpty(1).Max();
        plot.Axes.SetLimitsX(-0.7, labels.Length - 0.3);
    }

    /// <summary>Breaks <paramref name="label"/> at spaces into lines of at most <paramref name="perLine"/> characters (a longer word keeps its own line).</summary>
    public static string Wrap(string label, int perLine)
    {
        var lines = new List<string>();
        var line = "";
        foreach (var word in label.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > perLine)
            {
                lines.Add(line);
                line = "";
            }
            line = line.Length == 0 ? word : line + " " + word;
        }
        lines.Add(line);
        return string.Join('\n', lines);
    }

    /// <summary>The source up to its first ';', without a parenthesised arXiv id: "Grill et al. 2020, Table 5(a)".</summary>
    internal static string ShortSource(string source)
    {
        if (source.Length == 0)
            return "paper";
        var head = source.Split(';')[0];
        return System.Text.RegularExpressions.Regex.Replace(head, @"\s*\([^)]*arXiv[^)]*\)", "").Trim();
    }
}
