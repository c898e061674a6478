using Byol.Client.Api;

namespace Byol.Client.Report;

/// <summary>`sweep report ID --out DIR`: DIR/index.html and the PNG plots beside it.</summary>
public static class SweepReport
{
    public static async Task<IReadOnlyList<string>> WriteAsync(SweepResults results, string directory, CancellationToken cancellation = default)
    {
        Directory.CreateDirectory(directory);
        var plots = ReportPlots.Write(results.Sweep, directory);
        var index = Path.Combine(directory, "index.html");
        await File.WriteAllTextAsync(index, ReportHtml.Render(results, plots), cancellation);
        return [index, .. plots.Select(p => Path.Combine(directory, p.File))];
    }
}
