using Byol.Client.Output;
using Byol.Contracts.Specs;
using Byol.Contracts.Sweeps;
using Spectre.Console.Testing;

namespace Byol.Client.Tests.Output;

public sealed class WatchFrameTests
{
    private static SweepView View() => new()
    {
        Id = "s1",
        Name = "tau",
        State = SweepState.Running,
        Objective = new ObjectiveSpec { Metric = ObjectiveMetric.KnnTop1 },
        Trials =
        [
            new TrialView { Id = "t0", Params = new Dictionary<string, ParamValue> { ["train.tau_base"] = 0.99 }, State = TrialState.Running, Step = 12, Steps = 40, Silo = "Silo_1",
                Metrics = new TrialMetrics { Loss = 1.2345, ImagesPerSecond = 512 } },
            new TrialView { Id = "t1", Params = new Dictionary<string, ParamValue> { ["train.tau_base"] = 0.996 }, State = TrialState.Completed, Step = 40, Steps = 40, Rank = 1,
                Metrics = new TrialMetrics { Loss = 0.5, KnnTop1 = 0.723, LinearTop1 = 0.7, ZStd = 0.06 } },
            new TrialView { Id = "t2", Params = new Dictionary<string, ParamValue> { ["train.tau_base"] = 1.0 }, State = TrialState.Pending, Steps = 40 },
        ],
    };

    [Fact]
    public void A_frame_shows_a_bar_per_running_trial_the_finished_metrics_the_leader_and_totals()
    {
        var console = new TestConsole();
        console.Profile.Width = 160;
        console.Write(WatchFrame.Render(View()));
        var text = console.Output;

        Assert.Contains("3 trials: 1 running, 1 completed, 0 failed, 1 pending; leader t1 (knn_top1 72.3%)", text, StringComparison.Ordinal);
        Assert.Contains("━━━━━━━━━", text, StringComparison.Ordinal);
        Assert.Contains("12/40", text, StringComparison.Ordinal);
        Assert.Contains("1.2345", text, StringComparison.Ordinal);
        Assert.Contains("512", text, StringComparison.Ordinal);
        Assert.Contains("Silo_1", text, StringComparison.Ordinal);
        Assert.Contains("72.3%", text, StringComparison.Ordinal);
        Assert.Contains("70.0%", text, StringComparison.Ordinal);
        Assert.DoesNotContain("t2", text.Split("finished")[1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 40, 0)]
    [InlineData(20, 40, 15)]
    [InlineData(40, 40, 30)]
    [InlineData(50, 40, 30)]
    public void The_bar_fills_in_proportion_to_the_step(long step, long steps, int filled)
    {
        var bar = WatchFrame.Bar(step, steps);
        Assert.StartsWith($"[green]{new string('━', filled)}[/][grey]{new string('━', WatchFrame.BarWidth - filled)}[/]", bar, StringComparison.Ordinal);
    }
}
