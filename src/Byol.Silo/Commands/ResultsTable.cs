using System.Globalization;
using Byol.Contracts.Specs;
using Byol.Contracts.Sweeps;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Byol.Silo.Commands;

/// <summary>The ranked table of a sweep with its baselines, as the demo and `local` print it.</summary>
public static class ResultsTable
{
    public static IRenderable Render(SweepView view)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .Title($"[bold]{Markup.Escape(view.Name)}[/] ({Markup.Escape(view.Id)}): {SweepJson.Name(view.State)}, ranked by {SpecNames.Of(view.Objective.Metric)} ({SpecNames.Of(view.Objective.Mode)})");
        foreach (var column in new[] { "rank", "trial", "params", "seed", "state", "step", "loss", "z_std", "kNN top-1", "linear top-1", "restarts" })
            table.AddColumn(new TableColumn(column));
        foreach (var t in view.Trials)
        {
            var row = new[]
            {
                t.Rank?.ToString(CultureInfo.InvariantCulture) ?? "-",
                t.Id,
                string.Join(" ", t.Params.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{ShortKey(p.Key)}={p.Value}")),
                t.Seed.ToString(CultureInfo.InvariantCulture),
                SweepJson.Name(t.State) + (t.Error is null ? "" : $": {t.Error}"),
                $"{t.Step}/{t.Steps}",
                Number(t.Metrics.Loss, "F4"),
                Number(t.Metrics.ZStd, "F4"),
                Percent(t.Metrics.KnnTop1),
                Percent(t.Metrics.LinearTop1),
                t.Restarts.ToString(CultureInfo.InvariantCulture),
            };
            var cells = row.Select(c => (IRenderable)new Text(c, t.Rank == 1 ? new Style(decoration: Decoration.Bold) : Style.Plain));
            table.AddRow(cells);
        }
        if (view.Baselines is { } b)
        {
            table.AddEmptyRow();
            table.AddRow("", "baseline", "random-init encoder", "", "", "", "", "", Percent(b.RandomInit.KnnTop1), Percent(b.RandomInit.LinearTop1), "");
            table.AddRow("", "baseline", "raw pixels", "", "", "", "", "", Percent(b.RawPixels.KnnTop1), Percent(b.RawPixels.LinearTop1), "");
        }
        return table;
    }

    private static string ShortKey(string key) => key[(key.LastIndexOf('.') + 1)..];
    private static string Number(double? v, string format) => v?.ToString(format, CultureInfo.InvariantCulture) ?? "-";
    private static string Percent(double? v) => v is { } x ? (100 * x).ToString("F1", CultureInfo.InvariantCulture) + "%" : "-";
}
