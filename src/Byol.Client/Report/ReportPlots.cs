using Byol.Client.Output;
using Byol.Contracts.Specs;
using Byol.Contracts.Sweeps;
using ScottPlot;

namespace Byol.Client.Report;

/// <summary>
/// The PNG plots of `sweep report` (ScottPlot): the loss curve of each trial, the kNN accuracy of each trial at each
/// evaluation, and the final objective against each swept parameter. Baselines are dashed horizontal lines.
/// </summary>
public static class ReportPlots
{
    public const int Width = 900;
    public const int Height = 520;

    /// <summary>Writes every plot into <paramref name="directory"/>; returns the file names with a caption each.</summary>
    public static IReadOnlyList<(string File, string Caption)> Write(SweepView view, string directory)
    {
        var written = new List<(string, string)>();
        written.Add(Save(LossCurves(view), directory, "loss.png", "BYOL loss per trial against the training step"));
        written.Add(Save(KnnCurves(view), directory, "knn.png", "kNN top-1 accuracy per trial at each evaluation, with the baselines"));
        foreach (var parameter in view.Trials.SelectMany(t => t.Params.Keys).Distinct().Order(StringComparer.Ordinal))
            written.Add(Save(ObjectiveAgainst(view, parameter), directory, $"objective-{FileName(parameter)}.png",
                $"final {Cells.Objective(view)} against {parameter}"));
        return written;
    }

    public static Plot LossCurves(SweepView view)
    {
        var plot = new Plot();
        foreach (var t in view.Trials.Where(t => t.Curve.Count > 0))
        {
            var line = plot.Add.Scatter(t.Curve.Select(p => (double)p.Step).ToArray(), t.Curve.Select(p => p.Loss).ToArray());
            line.LegendText = t.Id;
            line.MarkerSize = t.Curve.Count == 1 ? 5 : 0;
        }
        Label(plot, $"{view.Name}: training loss", "step", "loss");
        return plot;
    }

    public static Plot KnnCurves(SweepView view)
    {
        var plot = new Plot();
        foreach (var t in view.Trials.Where(t => t.Evaluations.Count > 0))
        {
            var line = plot.Add.Scatter(t.Evaluations.Select(e => (double)e.Step).ToArray(), t.Evaluations.Select(e => e.KnnTop1).ToArray());
            line.LegendText = t.Id;
            line.MarkerSize = 6;
        }
        if (view.Baselines is { } b)
        {
            Baseline(plot, b.RandomInit.KnnTop1, "random-init encoder");
            Baseline(plot, b.RawPixels.KnnTop1, "raw pixels");
        }
        Label(plot, $"{view.Name}: kNN top-1", "step", "kNN top-1");
        return plot;
    }

    public static Plot ObjectiveAgainst(SweepView view, string parameter)
    {
        var plot = new Plot();
        var points = view.Trials
            .Where(t => t.Params.ContainsKey(parameter) && Cells.ObjectiveValue(view, t) is not null)
            .Select(t => (Value: t.Params[parameter], Objective: Cells.ObjectiveValue(view, t)!.Value))
            .ToList();
        var numeric = points.All(p => p.Value.IsNumber);
        var categories = points.Select(p => p.Value.ToString()).Distinct().Order(StringComparer.Ordinal).ToList();
        if (points.Count > 0)
        {
            var xs = points.Select(p => numeric ? p.Value.AsDouble : categories.IndexOf(p.Value.ToString())).ToArray();
            var dots = plot.Add.Scatter(xs, points.Select(p => p.Objective).ToArray());
            dots.LineWidth = 0;
            dots.MarkerSize = 9;
            dots.LegendText = "trials";
        }
        if (!numeric)
            plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
                Enumerable.Range(0, categories.Count).Select(i => (double)i).ToArray(), categories.ToArray());
        if (view.Baselines is { } b && view.Objective.Metric is ObjectiveMetric.KnnTop1 or ObjectiveMetric.LinearTop1)
        {
            var pick = (BaselineScores s) => view.Objective.Metric == ObjectiveMetric.KnnTop1 ? s.KnnTop1 : s.LinearTop1;
            Baseline(plot, pick(b.RandomInit), "random-init encoder");
            Baseline(plot, pick(b.RawPixels), "raw pixels");
        }
        Label(plot, $"{view.Name}: {SpecNames.Of(view.Objective.Metric)} against {Cells.ShortKey(parameter)}", parameter, SpecNames.Of(view.Objective.Metric));
        return plot;
    }

    private static void Baseline(Plot plot, double value, string name)
    {
        var line = plot.Add.HorizontalLine(value);
        line.LegendText = name;
        line.LinePattern = LinePattern.Dashed;
    }

    private static void Label(Plot plot, string title, string x, string y)
    {
        plot.Title(title);
        plot.XLabel(x);
        plot.YLabel(y);
        plot.ShowLegend();
    }

    private static (string, string) Save(Plot plot, string directory, string file, string caption)
    {
        plot.SavePng(Path.Combine(directory, file), Width, Height);
        return (file, caption);
    }

    private static string FileName(string parameter) =>
        new(parameter.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '-').ToArray());
}
