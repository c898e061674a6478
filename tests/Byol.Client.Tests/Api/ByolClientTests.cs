using Byol.Client.Api;
using Byol.Client.Tests.Cluster;
using Byol.Contracts.Sweeps;

namespace Byol.Client.Tests.Api;

[Collection(ClusterCollection.Name)]
public sealed class ByolClientTests(ClientTestCluster cluster)
{
    [Fact]
    public async Task The_typed_api_reads_what_the_cli_prints()
    {
        var sweep = await cluster.FinishedSweepAsync();
        await using var client = ByolClient.Create(cluster.Grains);

        var view = await client.GetAsync(sweep.Id);
        Assert.Equal(SweepState.Completed, view.State);
        Assert.Contains(await client.ListAsync(), s => s.Id == sweep.Id);
        var results = await client.ResultsAsync(sweep.Id, top: 1);
        Assert.Equal(1, Assert.Single(results.Trials).Rank);
        Assert.Equal(ClientTestCluster.SiloCount, (await client.ClusterAsync()).Count);

        var views = new List<SweepView>();
        await foreach (var pushed in client.WatchAsync(sweep.Id))
            views.Add(pushed);
        Assert.Equal(SweepState.Completed, Assert.Single(views).State);
    }

    [Fact]
    public async Task Submitting_an_invalid_spec_file_returns_every_error_and_schedules_nothing()
    {
        await using var client = ByolClient.Create(cluster.Grains);
        var before = (await client.ListAsync()).Count;
        var outcome = await client.SubmitAsync(TestSpecs.Write(TestSpecs.ThreeErrors));
        Assert.False(outcome.Accepted);
        Assert.Equal(3, outcome.Errors.Count);
        Assert.Equal(before, (await client.ListAsync()).Count);
    }

    [Fact]
    public async Task Pause_resume_and_extend_change_the_sweep()
    {
        await using var client = ByolClient.Create(cluster.Grains);
        var outcome = await client.SubmitAsync(TestSpecs.Write(TestSpecs.Tiny(steps: 5000, maxConcurrent: 1)));
        Assert.True(outcome.Accepted, string.Join("\n", outcome.Errors));
        try
        {
            Assert.Equal(SweepState.Paused, (await client.PauseAsync(outcome.SweepId)).State);
            Assert.Equal(SweepState.Running, (await client.ResumeAsync(outcome.SweepId)).State);
            var extended = await client.ExtendAsync(outcome.SweepId, 6000);
            Assert.All(extended.Trials, t => Assert.Equal(6000, t.Steps));
        }
        finally
        {
            Assert.Equal(SweepState.Cancelled, (await client.CancelAsync(outcome.SweepId)).State);
        }
    }
}
