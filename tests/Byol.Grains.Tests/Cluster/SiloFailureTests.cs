using Byol.Contracts.Sweeps;

namespace Byol.Grains.Tests.Cluster;

/// <summary>A silo killed mid-trial: its trial resumes on another silo from the last checkpoint and the sweep completes.</summary>
[Collection(ClusterCollection.Name)]
public sealed class SiloFailureTests
{
    [Fact]
    public async Task A_trial_whose_silo_is_killed_resumes_elsewhere_from_its_last_checkpoint()
    {
        await using var cluster = await ByolTestCluster.StartAsync(3);
        var (id, submitted) = await cluster.SubmitAsync(TinySpecs.Grid(steps: 60, checkpointEvery: 10, taus: "[0.99]", maxConcurrent: 2));
        Assert.True(submitted.Accepted);

        // Wait for a trial on a secondary silo that has stored a checkpoint and moved past it.
        var secondaries = cluster.Cluster.Silos.Where(s => s.Name != "Silo_0").ToDictionary(s => s.SiloAddress.ToParsableString());
        var before = await cluster.WaitForAsync(id,
            v => v.Trials.Any(t => t.State == TrialState.Running && t.Silo is { } s && secondaries.ContainsKey(s) && t.Step >= 14),
            TimeSpan.FromMinutes(3));
        var victim = before.Trials.First(t => t.State == TrialState.Running && t.Silo is { } s && secondaries.ContainsKey(s) && t.Step >= 14);
        var victimSilo = victim.Silo!;

        await cluster.Cluster.KillSiloAsync(secondaries[victimSilo]);

        var resumed = await cluster.WaitForAsync(id,
            v => v.Trials.Single(t => t.Id == victim.Id) is { State: TrialState.Running, Silo: { } s } && s != victimSilo,
            TimeSpan.FromMinutes(2));
        var view = await cluster.WaitForAsync(id, ByolTestCluster.Ended, TimeSpan.FromMinutes(5));

        Assert.Equal(SweepState.Completed, view.State);
        var trial = view.Trials.Single(t => t.Id == victim.Id);
        Assert.Equal(TrialState.Completed, trial.State);
        Assert.Equal(1, trial.Restarts);
        Assert.Equal(60, trial.Step);
        // It resumed from a checkpoint at step >= 10, so it redid fewer steps than it had made.
        Assert.InRange(trial.StepsRedone, 0, victim.Step - 10);
        Assert.Single(trial.Evaluations);
        Assert.All(view.Trials, t => Assert.Equal(TrialState.Completed, t.State));
        Assert.All(view.Trials.Where(t => t.Id != victim.Id), t => Assert.Equal(0, t.Restarts));
        Assert.NotEqual(victimSilo, resumed.Trials.Single(t => t.Id == victim.Id).Silo);
    }
}
