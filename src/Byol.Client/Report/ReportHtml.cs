using System.Globalization;
using System.Net;
using System.Text;
using Byol.Client.Api;
using Byol.Client.Output;
using Byol.Contracts.Sweeps;

namespace Byol.Client.Report;

/// <summary>
/// The self-contained HTML page of `sweep report`: inline CSS, the plots referenced by relative file names, the
/// "Paper vs Byol" section when the sweep has a <c>paper:</c> block (<see cref="PaperHtml"/>), the baselines and the
/// ranked table. Each row of the ranked table (<c>table#ranked</c>) carries its exact values as
/// data attributes (<c>data-trial</c>, <c>data-rank</c>, <c>data-knn_top1</c>, ...), the same numbers as
/// `sweep results --json`.
/// </summary>
public static class ReportHtml
{
    private const string Css = """
        body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 1100px; color: #222; }
        h1 { font-size: 1.5rem; } h2 { font-size: 1.15rem; margin-top: 2rem; }
        table { border-collapse: collapse; margin: .5rem 0; font-size: .9rem; }
        th, td { border: 1px solid #ccc; padding: .25rem .6rem; text-align: left; }
        th { background: #f2f2f2; } td.num { text-align: right; font-variant-numeric: tabular-nums; }
        tr.leader td { background: #fff4c2; font-weight: bold; }
        figure { margin: 1rem 0; } figure img { max-width: 100%; border: 1px solid #ddd; }
        figcaption { color: #555; font-size: .85rem; } .meta { color: #555; }
        """;

    public static string Render(SweepResults results, IReadOnlyList<(string File, string Caption)> plots, PaperComparison? paper = null)
    {
        var view = results.Sweep;
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append($"<title>{E(view.Name)} ({E(view.Id)}): Byol sweep report</title>\n<style>\n{Css}\n</style>\n</head>\n<body>\n")
            .Append($"<h1>{E(view.Name)} <span class=\"meta\">({E(view.Id)})</span></h1>\n")
            .Append($"<p class=\"meta\">state <b>{SweepJson.Name(view.State)}</b>; ranked by {E(Cells.Objective(view))}; ")
            .Append($"{view.Trials.Count} trial(s) shown; submitted {view.SubmittedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC")
            .Append(view.FinishedAt is { } f ? $", finished {f.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC" : "")
            .Append(view.Error is null ? "" : $"; error: {E(view.Error)}").Append("</p>\n");
        if (paper is not null)
            PaperHtml.Append(html, paper, PaperPlot.File);
        Baselines(html, view);
        Ranked(html, results);
        html.Append("<h2>Plots</h2>\n");
        foreach (var (file, caption) in plots)
            html.Append($"<figure><img src=\"{E(file)}\" alt=\"{E(caption)}\"><figcaption>{E(caption)}</figcaption></figure>\n");
        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    private static void Baselines(StringBuilder html, SweepView view)
    {
        html.Append("<h2>Baselines</h2>\n");
        if (view.Baselines is not { } b)
        {
            html.Append("<p class=\"meta\">not evaluated (yet)</p>\n");
            return;
        }
        html.Append("<table id=\"baselines\">\n<tr><th>representation</th><th>kNN top-1</th><th>linear top-1</th></tr>\n");
        foreach (var (name, scores) in new[] { ("random-init encoder", b.RandomInit), ("raw pixels", b.RawPixels) })
            html.Append($"<tr><td>{name}</td><td class=\"num\">{Cells.Percent(scores.KnnTop1)}</td><td class=\"num\">{Cells.Percent(scores.LinearTop1)}</td></tr>\n");
        html.Append("</table>\n");
    }

    private static void Ranked(StringBuilder html, SweepResults results)
    {
        html.Append("<h2>Trials, ranked</h2>\n<table id=\"ranked\">\n<tr>");
        foreach (var column in new[] { "rank", "trial", "params", "seed", "state", "step", "loss", "z_std", "kNN top-1", "linear top-1", "silo", "restarts" })
            html.Append($"<th>{column}</th>");
        html.Append("</tr>\n");
        foreach (var t in results.Trials)
        {
            html.Append(t.Rank == 1 ? "<tr class=\"leader\"" : "<tr")
                .Append($" data-trial=\"{E(t.Id)}\" data-rank=\"{t.Rank?.ToString(CultureInfo.InvariantCulture) ?? ""}\"")
                .Append($" data-state=\"{SweepJson.Name(t.State)}\" data-step=\"{t.Step}\" data-steps=\"{t.Steps}\"")
                .Append($" data-loss=\"{R(t.Metrics.Loss)}\" data-knn_top1=\"{R(t.Metrics.KnnTop1)}\"")
                .Append($" data-linear_top1=\"{R(t.Metrics.LinearTop1)}\" data-z_std=\"{R(t.Metrics.ZStd)}\">");
            foreach (var (cell, numeric) in new[]
            {
                (t.Rank is { } r ? Cells.Integer(r) : "-", true), (t.Id, false), (Cells.Params(t), false), (Cells.Integer(t.Seed), true),
                (Cells.State(t), false), ($"{t.Step}/{t.Steps}", true), (Cells.Number(t.Metrics.Loss), true),
                (Cells.Number(t.Metrics.ZStd), true), (Cells.Percent(t.Metrics.KnnTop1), true), (Cells.Percent(t.Metrics.LinearTop1), true),
                (t.Silo ?? "-", false), (Cells.Integer(t.Restarts), true),
            })
                html.Append(numeric ? "<td class=\"num\">" : "<td>").Append(E(cell)).Append("</td>");
            html.Append("</tr>\n");
        }
        html.Append("</table>\n");
    }

    private static string R(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? "";

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
