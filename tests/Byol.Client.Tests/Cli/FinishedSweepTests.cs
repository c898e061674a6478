using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Byol.Client.Tests.Cluster;
using SkiaSharp;

namespace Byol.Client.Tests.Cli;

/// <summary>Everything that reads a sweep trained to the end (submitted once with `sweep submit --wait`).</summary>
[Collection(ClusterCollection.Name)]
public sealed class FinishedSweepTests(ClientTestCluster cluster)
{
    [Fact]
    public async Task Submit_wait_watches_the_running_trials_then_prints_the_ranked_table()
    {
        var sweep = await cluster.FinishedSweepAsync();
        var console = sweep.Submit.Console;
        Assert.Contains("2 trials:", console, StringComparison.Ordinal);
        Assert.Matches(new Regex(@"2 trials: [12] running"), console);
        Assert.Contains("2 trials: 0 running, 2 completed, 0 failed; leader", console, StringComparison.Ordinal);
        Assert.Contains("finished", console, StringComparison.Ordinal);
        Assert.Contains("random-init encoder", console, StringComparison.Ordinal);
        Assert.Equal("completed", sweep.Show["state"]!.GetValue<string>());
        Assert.NotNull(sweep.Show["baselines"]!["random_init"]!["knn_top1"]);
        Assert.NotNull(sweep.Show["baselines"]!["raw_pixels"]!["linear_top1"]);
        Assert.All(sweep.Show["trials"]!.AsArray(), t =>
        {
            Assert.Equal("completed", t!["state"]!.GetValue<string>());
            Assert.Equal(8, t["step"]!.GetValue<long>());
            Assert.NotNull(t["metrics"]!["knn_top1"]);
        });
    }

    [Fact]
    public async Task Watch_of_an_ended_sweep_shows_the_final_frame_and_exits_zero()
    {
        var sweep = await cluster.FinishedSweepAsync();
        var watch = await CliRun.Against(cluster.Grains, "sweep", "watch", sweep.Id);
        Assert.True(watch.ExitCode == 0, watch.ToString());
        Assert.Contains("completed", watch.Console, StringComparison.Ordinal);
        Assert.Contains("2 completed", watch.Console, StringComparison.Ordinal);

        var live = await CliRun.InteractiveAgainst(cluster.Grains, "sweep", "watch", sweep.Id);
        Assert.True(live.ExitCode == 0, live.ToString());
        Assert.Contains("2 trials: 0 running, 2 completed, 0 failed; leader", live.Console, StringComparison.Ordinal);

        var json = await CliRun.Against(cluster.Grains, "sweep", "watch", sweep.Id, "--json");
        Assert.Equal(0, json.ExitCode);
        var last = json.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1];
        Assert.Equal("completed", JsonNode.Parse(last)!["state"]!.GetValue<string>());
    }

    [Fact]
    public async Task Report_writes_html_and_decodable_pngs_whose_table_matches_results_json()
    {
        var sweep = await cluster.FinishedSweepAsync();
        var directory = Path.Combine(cluster.Directory, "report-" + Guid.NewGuid().ToString("N")[..6]);
        var report = await CliRun.Against(cluster.Grains, "sweep", "report", sweep.Id, "--out", directory);
        Assert.True(report.ExitCode == 0, report.ToString());

        var html = await File.ReadAllTextAsync(Path.Combine(directory, "index.html"));
        var images = Regex.Matches(html, "<img src=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.Contains("loss.png", images);
        Assert.Contains("knn.png", images);
        Assert.Contains("objective-train.tau_base.png", images);
        foreach (var image in images)
        {
            Assert.False(Path.IsPathRooted(image), "images are referenced relatively");
            using var bitmap = SKBitmap.Decode(Path.Combine(directory, image));
            Assert.NotNull(bitmap);
            Assert.True(bitmap.Width > 100 && bitmap.Height > 100);
        }
        Assert.Contains("<style>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<link", html, StringComparison.Ordinal);
        Assert.Contains("raw pixels", html, StringComparison.Ordinal);
        Assert.Contains("paper.png", images);
        Assert.Contains("<h2>Paper vs Byol</h2>", html, StringComparison.Ordinal);
        var paper = await File.ReadAllTextAsync(Path.Combine(directory, "paper.md"));
        Assert.Matches(new Regex(@"\| tau 0\.99 \| 72\.1 \| \d+\.\d \(1\) \|"), paper);
        Assert.Matches(new Regex(@"\| tau 0\.996 \| 72\.5 \| \d+\.\d \(1\) \|"), paper);
        Assert.Contains("unordered in the paper (within 0.5 points): 1 pair", paper, StringComparison.Ordinal);
        Assert.Contains("paper.md", report.Console, StringComparison.Ordinal);

        var results = JsonNode.Parse((await CliRun.Against(cluster.Grains, "sweep", "results", sweep.Id, "--json")).Out)!;
        var rows = Regex.Matches(html, "<tr[^>]* data-trial=\"([^\"]*)\" data-rank=\"([^\"]*)\"[^>]* data-knn_top1=\"([^\"]*)\" data-linear_top1=\"([^\"]*)\"");
        var trials = results["trials"]!.AsArray();
        Assert.Equal(trials.Count, rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var trial = trials[i]!;
            Assert.Equal(trial["id"]!.GetValue<string>(), rows[i].Groups[1].Value);
            Assert.Equal(trial["rank"]!.GetValue<int>(), int.Parse(rows[i].Groups[2].Value, CultureInfo.InvariantCulture));
            Assert.Equal(trial["metrics"]!["knn_top1"]!.GetValue<double>(), double.Parse(rows[i].Groups[3].Value, CultureInfo.InvariantCulture));
            Assert.Equal(trial["metrics"]!["linear_top1"]!.GetValue<double>(), double.Parse(rows[i].Groups[4].Value, CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public async Task Export_writes_the_encoder_and_embed_writes_one_row_per_image()
    {
        var sweep = await cluster.FinishedSweepAsync();
        var trial = sweep.Show["trials"]![0]!["id"]!.GetValue<string>();
        var encoder = Path.Combine(cluster.Directory, $"encoder-{Guid.NewGuid():N}.bin");
        var export = await CliRun.Against(cluster.Grains, "export", sweep.Id, trial, "--out", encoder);
        Assert.True(export.ExitCode == 0, export.ToString());
        var bytes = await File.ReadAllBytesAsync(encoder);
        Assert.Equal("BYOLENC1", System.Text.Encoding.ASCII.GetString(bytes, 0, 8));

        var csv = Path.Combine(cluster.Directory, $"embed-{Guid.NewGuid():N}.csv");
        var embed = await CliRun.Against(cluster.Grains, "embed", "--encoder", encoder, "--data", $"idx:{TestSpecs.Sample}:test", "--limit", "12", "--out", csv);
        Assert.True(embed.ExitCode == 0, embed.ToString());
        var lines = (await File.ReadAllLinesAsync(csv)).Where(l => l.Length > 0).ToList();
        Assert.InRange(lines.Count, 12, 13); // with or without a header line
    }

    [Fact]
    public async Task Export_of_an_unknown_trial_fails_with_one_line()
    {
        var sweep = await cluster.FinishedSweepAsync();
        var export = await CliRun.Against(cluster.Grains, "export", sweep.Id, "t-nope", "--out", Path.Combine(cluster.Directory, "x.bin"));
        Assert.NotEqual(0, export.ExitCode);
        Assert.Contains("t-nope", Assert.Single(export.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
    }
}
