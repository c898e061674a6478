using Byol.Contracts.Sweeps;

namespace Byol.Grains.Tests.Cluster;

/// <summary>Trainers land only where a slot of the right accelerator is free; silos that join take pending trials.</summary>
[Collection(ClusterCollection.Name)]
public sealed class PlacementTests
{
    [Fact]
    public async Task Silos_without_slots_or_with_another_accelerator_never_host_a_trainer_and_none_exceeds_its_slots()
    {
        // Silo_0: 1 cpu slot. Silo_1: 0 slots. Silo_2: declares cuda (2 slots).
        await using var cluster = await ByolTestCluster.StartAsync(3, name => name switch
        {
            "Silo_0" => ("cpu", 1),
            "Silo_1" => ("cpu", 0),
            _ => ("cuda", 2),
        });
        var (id, submitted) = await cluster.SubmitAsync(TinySpecs.Grid(steps: 4, checkpointEvery: 2, accelerator: "cpu"));
        Assert.True(submitted.Accepted, string.Join("; ", submitted.Errors));

        var view = await cluster.WaitForAsync(id, ByolTestCluster.Ended, TimeSpan.FromMinutes(4));

        Assert.Equal(SweepState.Completed, view.State);
        var silos = cluster.Cluster.Silos.ToDictionary(s => s.Name);
        Assert.Equal(1, cluster.SlotsOf(silos["Silo_0"]).PeakInUse);
        Assert.Equal(0, cluster.SlotsOf(silos["Silo_1"]).PeakInUse);
        Assert.Equal(0, cluster.SlotsOf(silos["Silo_2"]).PeakInUse);
    }

    [Fact]
    public async Task A_silo_added_mid_sweep_takes_pending_trials()
    {
        await using var cluster = await ByolTestCluster.StartAsync(1);
        var (id, submitted) = await cluster.SubmitAsync(TinySpecs.Grid(steps: 40, checkpointEvery: 20));
        Assert.True(submitted.Accepted);
        await cluster.WaitForAsync(id, v => v.Trials.Any(t => t.State == TrialState.Running), TimeSpan.FromMinutes(1));
        Assert.Equal(3, (await cluster.ShowAsync(id)).Trials.Count(t => t.State == TrialState.Pending));

        var added = await cluster.Cluster.StartAdditionalSiloAsync();
        var addedName = added.SiloAddress.ToParsableString();

        await cluster.WaitForAsync(id, v => v.Trials.Any(t => t.Silo == addedName && t.State == TrialState.Running), TimeSpan.FromMinutes(2));
        var view = await cluster.WaitForAsync(id, ByolTestCluster.Ended, TimeSpan.FromMinutes(5));
        Assert.Equal(SweepState.Completed, view.State);
        Assert.Equal(1, cluster.SlotsOf(added).PeakInUse);
        Assert.All(cluster.Cluster.Silos, s => Assert.True(cluster.SlotsOf(s).PeakInUse <= 1));
    }
}
