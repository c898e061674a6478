using System.Text.RegularExpressions;
using Byol.Client.Report;
using SkiaSharp;

namespace Byol.Client.Tests.Report;

public sealed class SweepReportPaperTests : IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), $"byol-report-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(directory))
            Directory.Delete(directory, recursive: true);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task With_a_paper_block_the_report_writes_paper_png_paper_md_and_the_section(bool relative)
    {
        var view = relative ? PaperViews.Figure3() : PaperViews.Table5a();
        var files = await SweepReport.WriteAsync(view, top: 1, directory);

        var png = Path.Combine(directory, PaperPlot.File);
        var markdown = Path.Combine(directory, SweepReport.PaperMarkdownFile);
        Assert.Contains(png, files);
        Assert.Contains(markdown, files);
        Assert.True(new FileInfo(png).Length > 0);
        using (var bitmap = SKBitmap.Decode(png))
        {
            Assert.NotNull(bitmap);
            Assert.Equal(PaperPlot.Width(PaperComparison.Of(view)!), bitmap.Width);
            Assert.Equal(PaperPlot.Height, bitmap.Height);
        }
        Assert.Equal(PaperMarkdown.Render(PaperComparison.Of(view)!, view.Name, view.Id), await File.ReadAllTextAsync(markdown));

        var html = await File.ReadAllTextAsync(files[0]);
        Assert.Contains("<h2>Paper vs Byol</h2>", html, StringComparison.Ordinal);
        Assert.Contains("<img src=\"paper.png\"", html, StringComparison.Ordinal);
        Assert.Contains(view.Paper!.Source, html, StringComparison.Ordinal);
        Assert.Contains("id=\"paper-ordering\"", html, StringComparison.Ordinal);
        // --top 1 cuts the ranked table, not the comparison: every paper row keeps all its seeds.
        Assert.Single(Regex.Matches(html, "data-trial=\""));
        var counts = Regex.Matches(html, "<tr data-label=\"[^\"]*\"[^>]* data-n=\"(\\d+)\"").Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(PaperComparison.Of(view)!.Rows.Select(r => r.Measured.N), counts);
    }

    [Fact]
    public async Task Without_a_paper_block_the_report_is_as_before()
    {
        var view = PaperViews.Table5a() with { Paper = null };
        var files = await SweepReport.WriteAsync(view, top: null, directory);

        Assert.False(File.Exists(Path.Combine(directory, PaperPlot.File)));
        Assert.False(File.Exists(Path.Combine(directory, SweepReport.PaperMarkdownFile)));
        Assert.Equal("index.html", Path.GetFileName(files[0]));
        Assert.All(files.Skip(1), f => Assert.EndsWith(".png", f, StringComparison.Ordinal));
        var html = await File.ReadAllTextAsync(files[0]);
        Assert.DoesNotContain("Paper vs Byol", html, StringComparison.Ordinal);
        Assert.Equal(view.Trials.Count, Regex.Matches(html, "data-trial=\"").Count);
    }
}
