using Byol.Model.Training;

namespace Byol.Model.Tests.Training;

public sealed class TrainingLoopTests
{
    [Fact]
    public void Metrics_come_every_log_every_steps_with_the_scheduled_tau_and_lr()
    {
        var options = TrainingFixtures.Small(steps: 20, batch: 16) with { LogEvery = 5 };
        using var run = new TrainingRun(options, TrainingFixtures.FashionTrain);
        var reports = new List<TrainingMetrics>();
        run.Run(CancellationToken.None, reports.Add);
        Assert.Equal(new long[] { 5, 10, 15, 20 }, reports.Select(r => r.Step));
        Assert.Equal(run.TauAt(4), reports[0].Tau, 12);
        Assert.Equal(run.LearningRateAt(19), reports[^1].LearningRate, 12);
        Assert.All(reports, r => Assert.True(double.IsFinite(r.Loss) && r.Loss is >= 0 and <= 8));
        Assert.All(reports, r => Assert.True(r.ZStd > 0));
        Assert.True(run.IsFinished);
    }

    [Fact]
    public void Cancellation_stops_between_steps()
    {
        using var cancel = new CancellationTokenSource();
        using var run = new TrainingRun(TrainingFixtures.Small(steps: 1000, batch: 8) with { LogEvery = 1 }, TrainingFixtures.FashionTrain);
        run.Run(cancel.Token, m =>
        {
            if (m.Step == 3)
                cancel.Cancel();
        });
        Assert.Equal(3, run.Step);
    }

    [Fact]
    public void A_diverging_loss_stops_the_run_with_the_reason()
    {
        var options = TrainingFixtures.Small(steps: 50, batch: 16) with
        {
            LogEvery = 1,
            Optimizer = new Byol.Model.Optimization.OptimizerOptions { Name = "sgd", BaseLr = 1e30, Momentum = 0.9 },
        };
        using var run = new TrainingRun(options, TrainingFixtures.FashionTrain);
        var e = Assert.Throws<TrainingDivergedException>(() => run.Run(CancellationToken.None));
        Assert.Contains("loss became", e.Message);
        Assert.True(e.Step <= 50);
    }

    [Fact]
    public void Checkpoints_are_due_every_n_steps_and_at_the_end()
    {
        using var run = new TrainingRun(TrainingFixtures.Small(steps: 7, batch: 8), TrainingFixtures.FashionTrain);
        var due = new List<long>();
        run.Run(CancellationToken.None, checkpointEvery: 3, onCheckpointDue: r => due.Add(r.Step));
        Assert.Equal(new long[] { 3, 6, 7 }, due);
    }
}
