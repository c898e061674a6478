namespace Byol.Client.Report;

/// <summary>
/// paper.md: the paper comparison as GitHub markdown, to paste into docs/paper-results.md: source, claim and setting,
/// the table (row | paper | Byol mean ± sd (n) | kNN top-1 % | z_std), the ordering verdict with the pairs Byol
/// orders otherwise, and the baselines.
/// </summary>
public static class PaperMarkdown
{
    public static string Render(PaperComparison comparison, string sweepName, string sweepId)
    {
        var paper = comparison.Paper;
        var md = new System.Text.StringBuilder();
        md.Append($"### {Escape(Or(paper.Source, "Paper"))} vs Byol ({Escape(sweepName)}, sweep {Escape(sweepId)})\n\n");
        if (paper.Claim.Length > 0)
            md.Append($"Claim: {Escape(paper.Claim)}\n\n");
        if (paper.Setting.Length > 0)
            md.Append($"Paper setting: {Escape(paper.Setting)}\n\n");
        md.Append($"Values: {Escape(PaperCells.Scale(comparison))}. Byol: mean ± sample sd over the n completed trials (seeds) of each row, on the sweep's eval split.\n\n");
        md.Append("| ").Append(string.Join(" | ", PaperCells.Columns)).Append(" |\n|---|---:|---:|---:|---:|\n");
        foreach (var row in comparison.Rows)
            md.Append($"| {Escape(row.Label)} | {PaperCells.Paper(comparison, row)} | {Escape(PaperCells.Byol(comparison, row))} | ")
                .Append($"{PaperCells.Knn(row.Measured)} | {PaperCells.ZStd(row.Measured)} |\n");
        md.Append($"\n**Ordering:** {Escape(PaperCells.Verdict(comparison.Ordering))}\n");
        var disagreeing = comparison.Ordering.Disagreeing;
        if (disagreeing.Count > 0)
        {
            md.Append("\nOrdered otherwise by Byol:\n\n");
            foreach (var pair in disagreeing)
                md.Append($"- {Escape(PaperCells.Pair(comparison, pair))}\n");
        }
        md.Append("\n**Baselines** (same eval split): ");
        md.Append(comparison.Baselines.Count == 0
            ? "not evaluated (yet)"
            : string.Join("; ", comparison.Baselines.Select(b => Escape(PaperCells.Baseline(comparison, b)))));
        md.Append(".\n");
        return md.ToString();
    }

    private static string Or(string text, string fallback) => text.Length > 0 ? text : fallback;

    /// <summary>Keeps a table cell one cell: a pipe would split it, a line break end the row.</summary>
    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");
}
