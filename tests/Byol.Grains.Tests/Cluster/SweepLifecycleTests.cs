using Byol.Contracts.Grains;
using Byol.Contracts.Sweeps;

namespace Byol.Grains.Tests.Cluster;

/// <summary>Whole sweeps on a three-silo in-process cluster: they complete ranked, cancel, and refuse what no silo can host.</summary>
[Collection(ClusterCollection.Name)]
public sealed class SweepLifecycleTests
{
    [Fact]
    public async Task A_sweep_on_three_silos_completes_with_every_trial_evaluated_and_ranked()
    {
        await using var cluster = await ByolTestCluster.StartAsync(3);
        var (id, submitted) = await cluster.SubmitAsync(TinySpecs.Grid(steps: 6, checkpointEvery: 3));
        Assert.True(submitted.Accepted, string.Join("; ", submitted.Errors));
        Assert.Equal(4, submitted.Trials);

        var view = await cluster.WaitForAsync(id, ByolTestCluster.Ended, TimeSpan.FromMinutes(4));

        Assert.Equal(SweepState.Completed, view.State);
        Assert.All(view.Trials, t =>
        {
            Assert.Equal(TrialState.Completed, t.State);
            Assert.Equal(6, t.Step);
            Assert.InRange(t.Metrics.KnnTop1!.Value, 0.1, 1.0);
            Assert.InRange(t.Metrics.LinearTop1!.Value, 0.1, 1.0);
            Assert.True(t.Metrics.ZStd > 0);
            Assert.Single(t.Evaluations);
        });
        Assert.Equal(new int?[] { 1, 2, 3, 4 }, view.Trials.Select(t => t.Rank));
        var linear = view.Trials.Select(t => t.Metrics.LinearTop1!.Value).ToList();
        Assert.Equal(linear.OrderByDescending(x => x), linear);
        Assert.NotNull(view.Baselines);
        Assert.InRange(view.Baselines!.RawPixels.LinearTop1, 0.3, 1.0);

        var listed = await cluster.Grains.GetGrain<ISweepRegistryGrain>(0).List();
        Assert.Contains(listed, s => s.Id == id && s.State == SweepState.Completed && s.Completed == 4);
    }

    [Fact]
    public async Task Cancel_stops_every_trial_and_frees_the_slots()
    {
        await using var cluster = await ByolTestCluster.StartAsync(2);
        var (id, submitted) = await cluster.SubmitAsync(TinySpecs.Grid(steps: 5000, checkpointEvery: 1000));
        Assert.True(submitted.Accepted);
        await cluster.WaitForAsync(id, v => v.Trials.Count(t => t.State == TrialState.Running && t.Step > 0) >= 2, TimeSpan.FromMinutes(2));

        await cluster.Grains.GetGrain<IExperimentGrain>(id).Cancel();

        var view = await cluster.ShowAsync(id);
        Assert.Equal(SweepState.Cancelled, view.State);
        Assert.All(view.Trials, t => Assert.Equal(TrialState.Cancelled, t.State));
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (cluster.Cluster.Silos.Any(s => cluster.SlotsOf(s).Holders.Count > 0) && DateTime.UtcNow < deadline)
            await Task.Delay(200);
        Assert.All(cluster.Cluster.Silos, s => Assert.Empty(cluster.SlotsOf(s).Holders));
        var steps = view.Trials.Select(t => t.Step).ToList();
        await Task.Delay(3000);
        Assert.Equal(steps, (await cluster.ShowAsync(id)).Trials.Select(t => t.Step));
    }

    [Fact]
    public async Task A_trial_no_silo_could_host_is_refused_at_submit_and_nothing_is_scheduled()
    {
        await using var cluster = await ByolTestCluster.StartAsync(1);
        var (id, submitted) = await cluster.SubmitAsync(TinySpecs.Grid(steps: 4, checkpointEvery: 2, accelerator: "cuda"));

        Assert.False(submitted.Accepted);
        Assert.Contains(submitted.Errors, e => e.Contains("resources.accelerator") && e.Contains("'cuda'"));
        var listed = await cluster.Grains.GetGrain<ISweepRegistryGrain>(0).List();
        Assert.DoesNotContain(listed, s => s.Id == id);
        await Assert.ThrowsAnyAsync<Exception>(() => cluster.ShowAsync(id));
        Assert.Empty(cluster.SlotsOf(cluster.Cluster.Silos[0]).Holders);
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ClusterCollection
{
    public const string Name = "Cluster";
}
