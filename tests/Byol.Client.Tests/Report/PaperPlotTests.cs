using Byol.Client.Report;

namespace Byol.Client.Tests.Report;

public sealed class PaperPlotTests
{
    [Theory]
    [InlineData("tau 0.996", 12, "tau 0.996")]
    [InlineData("objective SimCLR 64, augmentations crop_only", 16, "objective SimCLR\n64,\naugmentations\ncrop_only")]
    [InlineData("a_label_longer_than_the_line", 10, "a_label_longer_than_the_line")]
    public void Long_row_labels_wrap_at_spaces_to_fit_under_their_bars(string label, int perLine, string wrapped) =>
        Assert.Equal(wrapped, PaperPlot.Wrap(label, perLine));

    [Theory]
    [InlineData("Grill et al. 2020 (arXiv 2006.07733v3), Table 5(a); random-init network 1.4% (Section 3)", "Grill et al. 2020, Table 5(a)")]
    [InlineData("Table 16", "Table 16")]
    [InlineData("", "paper")]
    public void The_title_keeps_the_source_short_enough_to_fit(string source, string title) =>
        Assert.Equal(title, PaperPlot.ShortSource(source));

    [Fact]
    public void The_plot_widens_with_the_rows_and_says_when_baselines_are_not_drawn()
    {
        var absolute = PaperComparison.Of(PaperViews.Table5a())!;
        var relative = PaperComparison.Of(PaperViews.Figure3())!;
        Assert.Equal(1200, PaperPlot.Width(absolute));
        Assert.Contains("dashed lines: the baselines", PaperPlot.Caption(absolute), StringComparison.Ordinal);
        Assert.Contains("not drawn", PaperPlot.Caption(relative), StringComparison.Ordinal);
    }
}
