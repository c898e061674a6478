using Byol.Client.Api;
using Byol.Contracts.Sweeps;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Byol.Client.Output;

/// <summary>The ranked table of `sweep results` and `sweep show`: one row per trial, the leader bold, then the baselines.</summary>
public static class ResultsTableView
{
    public static IRenderable Render(SweepResults results)
    {
        var view = results.Sweep;
        var table = new Table().Border(TableBorder.Rounded)
            .Title($"[bold]{Markup.Escape(view.Name)}[/] ({Markup.Escape(view.Id)}): {SweepJson.Name(view.State)}, ranked by {Cells.Objective(view)}");
        foreach (var column in new[] { "rank", "trial", "params", "seed", "state", "step", "loss", "z_std", "kNN top-1", "linear top-1", "silo", "restarts" })
            table.AddColumn(new TableColumn(column));
        foreach (var t in results.Trials)
        {
            var style = t.Rank == 1 ? new Style(Color.Yellow, decoration: Decoration.Bold) : Style.Plain;
            table.AddRow(new[]
            {
                t.Rank is { } rank ? Cells.Integer(rank) : "-",
                t.Id,
                Cells.Params(t),
                Cells.Integer(t.Seed),
                Cells.State(t),
                $"{t.Step}/{t.Steps}",
                Cells.Number(t.Metrics.Loss),
                Cells.Number(t.Metrics.ZStd),
                Cells.Percent(t.Metrics.KnnTop1),
                Cells.Percent(t.Metrics.LinearTop1),
                t.Silo ?? "-",
                Cells.Integer(t.Restarts),
            }.Select(c => (IRenderable)new Text(c, style)));
        }
        if (view.Baselines is { } b)
        {
            table.AddEmptyRow();
            table.AddRow("", "baseline", "random-init encoder", "", "", "", "", "", Cells.Percent(b.RandomInit.KnnTop1), Cells.Percent(b.RandomInit.LinearTop1), "", "");
            table.AddRow("", "baseline", "raw pixels", "", "", "", "", "", Cells.Percent(b.RawPixels.KnnTop1), Cells.Percent(b.RawPixels.LinearTop1), "", "");
        }
        return table;
    }
}
