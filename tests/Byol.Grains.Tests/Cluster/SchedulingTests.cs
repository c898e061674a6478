using Byol.Contracts.Grains;
using Byol.Contracts.Sweeps;

namespace Byol.Grains.Tests.Cluster;

/// <summary>ASHA stops trials at rungs; pause and resume; a larger budget; the whole cluster restarted.</summary>
[Collection(ClusterCollection.Name)]
public sealed class SchedulingTests
{
    [Fact]
    public async Task Asha_evaluates_at_rungs_and_stops_the_trials_below_the_cut()
    {
        await using var cluster = await ByolTestCluster.StartAsync(2);
        var spec = TinySpecs.Grid(steps: 16, checkpointEvery: 4, taus: "[0.0, 0.9, 0.99, 0.996]", maxConcurrent: 2,
            scheduler: "{ name: asha, grace_steps: 4, reduction_factor: 2 }");
        var (id, submitted) = await cluster.SubmitAsync(spec);
        Assert.True(submitted.Accepted, string.Join("; ", submitted.Errors));

        var view = await cluster.WaitForAsync(id, ByolTestCluster.Ended, TimeSpan.FromMinutes(6));

        Assert.Equal(SweepState.Completed, view.State);
        Assert.Equal(8, view.Trials.Count);
        Assert.All(view.Trials, t => Assert.Contains(t.State, new[] { TrialState.Completed, TrialState.Stopped }));
        Assert.Contains(view.Trials, t => t.State == TrialState.Stopped);
        Assert.Contains(view.Trials, t => t.State == TrialState.Completed && t.Step == 16);
        // Every trial was evaluated at the first rung (step 4); stopped ones end at a rung.
        Assert.All(view.Trials, t => Assert.Equal(4, t.Evaluations[0].Step));
        Assert.All(view.Trials.Where(t => t.State == TrialState.Stopped), t => Assert.Contains(t.Step, new long[] { 4, 8 }));
        Assert.All(view.Trials.Where(t => t.State == TrialState.Completed), t =>
            Assert.Equal(new long[] { 4, 8, 16 }, t.Evaluations.Select(e => e.Step)));
    }

    [Fact]
    public async Task Pause_checkpoints_and_stops_the_trials_and_resume_goes_on_from_there()
    {
        await using var cluster = await ByolTestCluster.StartAsync(2);
        var (id, _) = await cluster.SubmitAsync(TinySpecs.Grid(steps: 200, checkpointEvery: 100, taus: "[0.99]"));
        await cluster.WaitForAsync(id, v => v.Trials.Count(t => t.State == TrialState.Running && t.Step >= 4) == 2, TimeSpan.FromMinutes(2));
        var experiment = cluster.Grains.GetGrain<IExperimentGrain>(id);

        await experiment.Pause();
        // Every trainer stops (a trial that happened to finish its budget just waits for its evaluation).
        var paused = await cluster.WaitForAsync(id, v => v.Trials.All(t => t.Silo is null && (t.State == TrialState.Pending || t.Step == t.Steps)),
            TimeSpan.FromMinutes(1));
        Assert.Contains(paused.Trials, t => t.State == TrialState.Pending && t.Step > 0);
        Assert.Equal(SweepState.Paused, paused.State);
        await Task.Delay(3000);
        Assert.Equal(paused.Trials.Select(t => t.Step), (await cluster.ShowAsync(id)).Trials.Select(t => t.Step));
        Assert.All(cluster.Cluster.Silos, s => Assert.Empty(cluster.SlotsOf(s).Holders));

        await experiment.Resume();
        var view = await cluster.WaitForAsync(id, ByolTestCluster.Ended, TimeSpan.FromMinutes(4));
        Assert.Equal(SweepState.Completed, view.State);
        Assert.All(view.Trials, t => Assert.Equal(0, t.Restarts));
        // The trials that had started resumed from their pause checkpoint, redoing nothing.
        Assert.All(view.Trials, t => Assert.Equal(0, t.StepsRedone));
    }

    [Fact]
    public async Task Extend_raises_the_budget_of_a_finished_sweep_and_its_trials_train_on()
    {
        await using var cluster = await ByolTestCluster.StartAsync(2);
        var (id, _) = await cluster.SubmitAsync(TinySpecs.Grid(steps: 4, checkpointEvery: 2, taus: "[0.99]"));
        await cluster.WaitForAsync(id, ByolTestCluster.Ended, TimeSpan.FromMinutes(3));

        await cluster.Grains.GetGrain<IExperimentGrain>(id).Extend(8);

        var view = await cluster.WaitForAsync(id, v => ByolTestCluster.Ended(v) && v.Trials.All(t => t.Step == 8), TimeSpan.FromMinutes(3));
        Assert.Equal(SweepState.Completed, view.State);
        Assert.All(view.Trials, t =>
        {
            Assert.Equal(8, t.Steps);
            Assert.Equal(new long[] { 4, 8 }, t.Evaluations.Select(e => e.Step));
            Assert.Equal(0, t.StepsRedone);
        });
    }

    [Fact]
    public async Task After_every_silo_restarts_the_sweep_goes_on_from_its_persisted_state()
    {
        var cluster = await ByolTestCluster.StartAsync(2);
        var directory = cluster.Directory;
        var (id, _) = await cluster.SubmitAsync(TinySpecs.Grid(steps: 40, checkpointEvery: 10, taus: "[0.99]"));
        await cluster.WaitForAsync(id, v => v.Trials.Any(t => t.Step >= 12), TimeSpan.FromMinutes(2));
        await cluster.Cluster.StopAllSilosAsync();
        await cluster.Cluster.DisposeAsync();

        await using var restarted = await ByolTestCluster.StartAsync(2, directory: directory);
        var view = await restarted.WaitForAsync(id, ByolTestCluster.Ended, TimeSpan.FromMinutes(4));

        Assert.Equal(SweepState.Completed, view.State);
        Assert.All(view.Trials, t => Assert.Equal(TrialState.Completed, t.State));
        Assert.Contains(view.Trials, t => t.Restarts >= 1 && t.StepsRedone < 40);
    }
}
