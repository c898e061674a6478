using Byol.Contracts.Grains;
using Byol.Contracts.Sweeps;

namespace Byol.Grains.Tests.Cluster;

/// <summary>
/// The experiment grain keeps the view it built for `sweep show` until the state changes: a change must show in the
/// very next query, whether a call (pause, resume) or the grain's own scheduling pass (trainer reports) made it.
/// </summary>
public sealed class ShowViewTests
{
    [Fact]
    public async Task Show_reflects_each_change_in_the_next_query()
    {
        await using var cluster = await ByolTestCluster.StartAsync(1);
        var (id, _) = await cluster.SubmitAsync(TinySpecs.Grid(steps: 400, checkpointEvery: 100, taus: "[0.99]"));
        var experiment = cluster.Grains.GetGrain<IExperimentGrain>(id);
        var training = await cluster.WaitForAsync(id, v => v.Trials.Any(t => t.State == TrialState.Running && t.Step >= 4), TimeSpan.FromMinutes(2));

        // Reports keep arriving: later queries see later steps, not the first view kept.
        var later = await cluster.WaitForAsync(id, v => v.Trials.Max(t => t.Step) > training.Trials.Max(t => t.Step), TimeSpan.FromMinutes(1));
        Assert.True(later.Trials.Max(t => t.Step) > training.Trials.Max(t => t.Step));

        await experiment.Pause();
        Assert.Equal(SweepState.Paused, (await experiment.Show()).State);
        await experiment.Resume();
        Assert.Equal(SweepState.Running, (await experiment.Show()).State);
        await experiment.Cancel();
        var cancelled = await experiment.Show();
        Assert.Equal(SweepState.Cancelled, cancelled.State);
        Assert.All(cancelled.Trials, t => Assert.True(t.State is TrialState.Cancelled or TrialState.Completed, $"{t.Id}: {t.State}"));
    }
}
