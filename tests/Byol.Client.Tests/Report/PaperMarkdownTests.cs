using Byol.Client.Report;

namespace Byol.Client.Tests.Report;

public sealed class PaperMarkdownTests
{
    private static string[] Lines(string markdown) => markdown.Split('\n');

    [Fact]
    public void The_table_has_the_paper_figure_and_byols_mean_sd_and_n_in_percent_with_knn_and_z_std()
    {
        var view = PaperViews.Table5a();
        var markdown = PaperMarkdown.Render(PaperComparison.Of(view)!, view.Name, view.Id);
        var lines = Lines(markdown);

        Assert.Equal("### Grill et al. 2020, Table 5(a) vs Byol (tau, sweep s-tau)", lines[0]);
        Assert.Contains("Paper setting: ImageNet linear top-1 %, ResNet-50, 300 epochs", lines);
        var header = Array.IndexOf(lines, "| row | paper | Byol mean ± sd (n) | kNN top-1 % | z_std |");
        Assert.True(header > 0, markdown);
        Assert.Equal(
        [
            "|---|---:|---:|---:|---:|",
            "| tau 0 | 0.3 | 11.0 ± 1.4 (2) | 9.0 | 0.020 |",
            "| tau 0.5 | - | 30.0 (1) | 29.0 | 0.020 |",
            "| tau 0.9 | 68.4 | 64.0 ± 4.0 (3) | 61.0 | 0.050 |",
            "| tau 0.99 | 72.1 | 60.0 (1) | 55.0 | 0.050 |",
            "| tau 0.996 | 72.5 | 56.0 ± 1.4 (2) | 51.0 | 0.060 |",
            "| tau 1.0 | 18.8 | - (0) | - | - |",
        ], lines[(header + 1)..(header + 8)]);
        Assert.Contains("**Ordering:** Byol orders 3 of 5 pairs as the paper does (Kendall's tau 0.20); unordered in the paper (within 0.5 points): 1 pair.", lines);
        Assert.Contains("- tau 0.99 above tau 0.9: paper 72.1 vs 68.4, Byol 60.0 vs 64.0", lines);
        Assert.Contains("- tau 0.996 above tau 0.9: paper 72.5 vs 68.4, Byol 56.0 vs 64.0", lines);
        Assert.Contains("**Baselines** (same eval split): random-init encoder: linear_top1 25.0, kNN top-1 20.0; raw pixels: linear_top1 35.0, kNN top-1 30.0.", lines);
    }

    [Fact]
    public void Relative_rows_read_as_signed_differences_and_references_show_their_absolute_value()
    {
        var view = PaperViews.Figure3();
        var lines = Lines(PaperMarkdown.Render(PaperComparison.Of(view)!, view.Name, view.Id));

        Assert.Contains(lines, l => l.StartsWith("Values: linear_top1 in percent points, as differences from the reference row (batch=256", StringComparison.Ordinal));
        Assert.Contains("| BYOL 256 | 0.0 | 0.0 (reference: 71.0 ± 1.4 (2)) | 61.0 | 0.050 |", lines);
        Assert.Contains("| BYOL 64 | -2.0 | -3.0 ± 0.0 (2) | 59.0 | 0.040 |", lines);
        Assert.Contains("| SimCLR 256 | reference | 0.0 (reference: 60.0 (1)) | 50.0 | 0.030 |", lines);
        Assert.Contains("| SimCLR 64 | -8.0 | -8.0 ± 2.8 (2) | 41.0 | 0.030 |", lines);
        Assert.Contains("| Barlow 64 | -5.0 | - (reference train.objective=barlow batch=256 not measured; absolute 30.0 (1)) | 20.0 | 0.010 |", lines);
        Assert.Contains("**Ordering:** Byol orders 3 of 3 pairs as the paper does (Kendall's tau 1.00).", lines);
        Assert.DoesNotContain("Ordered otherwise by Byol:", lines);
    }

    [Fact]
    public void A_pipe_in_a_label_stays_inside_its_cell_and_missing_baselines_are_said()
    {
        var view = PaperViews.Table5a() with { Baselines = null };
        view = view with { Paper = view.Paper! with { Rows = [PaperViews.Row("tau | 0", "train.tau_base", 0.0, 0.3)] } };
        var lines = Lines(PaperMarkdown.Render(PaperComparison.Of(view)!, view.Name, view.Id));

        Assert.Contains("| tau \\| 0 | 0.3 | 11.0 ± 1.4 (2) | 9.0 | 0.020 |", lines);
        Assert.Contains("**Ordering:** No pair of measured rows that the paper orders: nothing to compare.", lines);
        Assert.Contains("**Baselines** (same eval split): not evaluated (yet).", lines);
    }
}
