using System.Globalization;
using System.Net;
using System.Text;

namespace Byol.Client.Report;

/// <summary>
/// The "Paper vs Byol" section of index.html: source, claim and setting, the comparison table (<c>table#paper</c>,
/// each row with its exact values as data attributes: <c>data-label</c>, <c>data-paper</c>, <c>data-compared</c>,
/// <c>data-mean</c>, <c>data-sd</c>, <c>data-n</c>), the ordering verdict, the baselines and the plot.
/// </summary>
public static class PaperHtml
{
    public static void Append(StringBuilder html, PaperComparison comparison, string plotFile)
    {
        var paper = comparison.Paper;
        html.Append("<h2>Paper vs Byol</h2>\n<p>");
        html.Append($"<b>Source:</b> {E(Or(paper.Source, "-"))}<br>\n<b>Claim:</b> {E(Or(paper.Claim, "-"))}<br>\n");
        html.Append($"<b>Paper setting:</b> {E(Or(paper.Setting, "-"))}</p>\n");
        html.Append($"<p class=\"meta\">Values: {E(PaperCells.Scale(comparison))}. Byol: mean ± sample sd over the n completed trials (seeds) of each row.</p>\n");
        html.Append("<table id=\"paper\">\n<tr>");
        foreach (var column in PaperCells.Columns)
            html.Append($"<th>{E(column)}</th>");
        html.Append("</tr>\n");
        foreach (var row in comparison.Rows)
        {
            html.Append($"<tr data-label=\"{E(row.Label)}\" data-paper=\"{R(row.Paper)}\" data-compared=\"{R(row.Compared)}\"")
                .Append($" data-mean=\"{R(row.Measured.Mean)}\" data-sd=\"{R(row.Measured.Sd)}\" data-n=\"{row.Measured.N}\">")
                .Append($"<td>{E(row.Label)}</td><td class=\"num\">{E(PaperCells.Paper(comparison, row))}</td>")
                .Append($"<td class=\"num\">{E(PaperCells.Byol(comparison, row))}</td><td class=\"num\">{PaperCells.Knn(row.Measured)}</td>")
                .Append($"<td class=\"num\">{PaperCells.ZStd(row.Measured)}</td></tr>\n");
        }
        html.Append("</table>\n");
        html.Append($"<p id=\"paper-ordering\"><b>Ordering:</b> {E(PaperCells.Verdict(comparison.Ordering))}</p>\n");
        if (comparison.Ordering.Disagreeing.Count > 0)
        {
            html.Append("<p>Ordered otherwise by Byol:</p>\n<ul id=\"paper-disagreeing\">\n");
            foreach (var pair in comparison.Ordering.Disagreeing)
                html.Append($"<li>{E(PaperCells.Pair(comparison, pair))}</li>\n");
            html.Append("</ul>\n");
        }
        html.Append("<p><b>Baselines</b> (same eval split): ")
            .Append(comparison.Baselines.Count == 0
                ? "not evaluated (yet)"
                : string.Join("; ", comparison.Baselines.Select(b => E(PaperCells.Baseline(comparison, b)))))
            .Append(".</p>\n");
        html.Append($"<figure><img src=\"{E(plotFile)}\" alt=\"{E(PaperPlot.Caption(comparison))}\"><figcaption>{E(PaperPlot.Caption(comparison))}</figcaption></figure>\n");
    }

    private static string Or(string text, string fallback) => text.Length > 0 ? text : fallback;

    private static string R(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? "";

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
