using Byol.Client.Api;
using Byol.Contracts.Sweeps;

namespace Byol.Client.Report;

/// <summary>
/// `sweep report ID --out DIR [--top K]`: DIR/index.html and the PNG plots beside it; when the sweep has a
/// <c>paper:</c> block, also DIR/paper.png and DIR/paper.md. The ranked table and the plots show the top K trials; the
/// paper comparison always uses every completed trial.
/// </summary>
public static class SweepReport
{
    public const string PaperMarkdownFile = "paper.md";

    /// <summary>Writes the report of <paramref name="view"/>; returns index.html first, then the other files written.</summary>
    public static async Task<IReadOnlyList<string>> WriteAsync(SweepView view, int? top, string directory, CancellationToken cancellation = default)
    {
        Directory.CreateDirectory(directory);
        var results = SweepResults.Of(view, top);
        var plots = ReportPlots.Write(results.Sweep, directory);
        var written = plots.Select(p => Path.Combine(directory, p.File)).ToList();
        var paper = PaperComparison.Of(view);
        if (paper is not null)
        {
            written.Add(PaperPlot.Write(paper, directory));
            var markdown = Path.Combine(directory, PaperMarkdownFile);
            await File.WriteAllTextAsync(markdown, PaperMarkdown.Render(paper, view.Name, view.Id), cancellation);
            written.Add(markdown);
        }
        var index = Path.Combine(directory, "index.html");
        await File.WriteAllTextAsync(index, ReportHtml.Render(results, plots, paper), cancellation);
        return [index, .. written];
    }
}
