using Byol.Contracts.Sweeps;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Byol.Client.Output;

/// <summary>
/// One frame of `sweep watch`: a header with the totals and the leader, one progress bar per running trial
/// (step/steps, loss, images/s, silo), and the finished trials with their metrics, the leader highlighted.
/// </summary>
public static class WatchFrame
{
    public const int BarWidth = 30;

    public static IRenderable Render(SweepView view)
    {
        var parts = new List<IRenderable> { new Markup(Header(view)), new Markup(Totals(view)) };
        var running = view.Trials.Where(t => t.State == TrialState.Running).OrderBy(t => t.Id, StringComparer.Ordinal).ToList();
        if (running.Count > 0)
            parts.Add(Bars(running));
        var finished = view.Trials.Where(t => t.State is not (TrialState.Running or TrialState.Pending)).ToList();
        if (finished.Count > 0)
            parts.Add(Finished(finished));
        return new Rows(parts);
    }

    public static string Header(SweepView view) =>
        $"[bold]{Markup.Escape(view.Name)}[/] ({Markup.Escape(view.Id)}): [bold]{SweepJson.Name(view.State)}[/], ranked by {Cells.Objective(view)}";

    /// <summary><c>4 trials: 2 running, 1 completed, 0 failed, 1 pending; leader t1 (knn_top1 72.3%)</c>.</summary>
    public static string Totals(SweepView view)
    {
        TrialState[] order = [TrialState.Running, TrialState.Completed, TrialState.Failed, TrialState.Pending, TrialState.Cancelled, TrialState.Stopped];
        var counts = order
            .Select(s => (State: s, Count: view.Trials.Count(t => t.State == s)))
            .Where(c => c.Count > 0 || c.State is TrialState.Running or TrialState.Completed or TrialState.Failed)
            .Select(c => $"{c.Count} {SweepJson.Name(c.State)}");
        var leader = view.Trials.FirstOrDefault(t => t.Rank == 1);
        var lead = leader is null ? "" : $"; leader [yellow bold]{Markup.Escape(leader.Id)}[/] ({Cells.Objective(view).Split(' ')[0]} {Value(view, leader)})";
        return $"{view.Trials.Count} trials: {string.Join(", ", counts)}{lead}";
    }

    private static string Value(SweepView view, TrialView trial) =>
        view.Objective.Metric is Contracts.Specs.ObjectiveMetric.Loss or Contracts.Specs.ObjectiveMetric.ZStd
            ? Cells.Number(Cells.ObjectiveValue(view, trial))
            : Cells.Percent(Cells.ObjectiveValue(view, trial));

    public static string Bar(long step, long steps)
    {
        var fraction = steps <= 0 ? 0 : Math.Clamp((double)step / steps, 0, 1);
        var filled = (int)Math.Round(fraction * BarWidth);
        return $"[green]{new string('━', filled)}[/][grey]{new string('━', BarWidth - filled)}[/] {fraction * 100,3:F0}%";
    }

    private static Table Bars(IReadOnlyList<TrialView> running)
    {
        var table = new Table().Border(TableBorder.None).Title("[bold]running[/]");
        foreach (var column in new[] { "trial", "progress", "step", "loss", "img/s", "silo" })
            table.AddColumn(column);
        foreach (var t in running)
            table.AddRow(
                Markup.Escape(t.Id + (t.Rank == 1 ? " *" : "")),
                Bar(t.Step, t.Steps),
                $"{t.Step}/{t.Steps}",
                Cells.Number(t.Metrics.Loss),
                Cells.Number(t.Metrics.ImagesPerSecond, "F0"),
                Markup.Escape(t.Silo ?? "-"));
        return table;
    }

    private static Table Finished(IReadOnlyList<TrialView> finished)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("[bold]finished[/]");
        foreach (var column in new[] { "rank", "trial", "params", "state", "loss", "kNN top-1", "linear top-1", "z_std" })
            table.AddColumn(column);
        foreach (var t in finished.OrderBy(t => t.Rank ?? int.MaxValue).ThenBy(t => t.Id, StringComparer.Ordinal))
        {
            var style = t.Rank == 1 ? new Style(Color.Yellow, decoration: Decoration.Bold) : Style.Plain;
            table.AddRow(new[]
            {
                t.Rank is { } r ? Cells.Integer(r) : "-", t.Id, Cells.Params(t), Cells.State(t), Cells.Number(t.Metrics.Loss),
                Cells.Percent(t.Metrics.KnnTop1), Cells.Percent(t.Metrics.LinearTop1), Cells.Number(t.Metrics.ZStd),
            }.Select(c => (IRenderable)new Text(c, style)));
        }
        return table;
    }
}
