using System.Text.Json.Nodes;
using Byol.Client.Tests.Cluster;

namespace Byol.Client.Tests.Cli;

[Collection(ClusterCollection.Name)]
public sealed class SweepLifecycleCliTests(ClientTestCluster cluster)
{
    [Fact]
    public async Task Submit_show_results_cancel_with_exit_codes_and_documented_json()
    {
        var spec = TestSpecs.Write(TestSpecs.Tiny(steps: 5000, maxConcurrent: 1));
        var submit = await CliRun.Against(cluster.Grains, "sweep", "submit", spec, "--json");
        Assert.True(submit.ExitCode == 0, submit.ToString());
        var submitted = JsonNode.Parse(submit.Out)!;
        var id = submitted["id"]!.GetValue<string>();
        Assert.True(submitted["accepted"]!.GetValue<bool>());
        Assert.Equal(2, submitted["trials"]!.GetValue<int>());
        try
        {
            var show = await CliRun.Against(cluster.Grains, "sweep", "show", id, "--json");
            Assert.True(show.ExitCode == 0, show.ToString());
            var doc = JsonNode.Parse(show.Out)!.AsObject();
            foreach (var field in new[] { "id", "name", "state", "objective", "baselines", "trials" })
                Assert.True(doc.ContainsKey(field), $"sweep show has no '{field}':\n{show.Out}");
            Assert.Equal(id, doc["id"]!.GetValue<string>());
            Assert.Equal("client-tiny", doc["name"]!.GetValue<string>());
            Assert.Equal("running", doc["state"]!.GetValue<string>());
            Assert.Equal("knn_top1", doc["objective"]!["metric"]!.GetValue<string>());
            var trials = doc["trials"]!.AsArray();
            Assert.Equal(2, trials.Count);
            foreach (var trial in trials.Select(t => t!.AsObject()))
            {
                foreach (var field in new[] { "id", "params", "seed", "state", "step", "steps", "silo", "restarts", "metrics" })
                    Assert.True(trial.ContainsKey(field), $"a trial has no '{field}'");
                foreach (var metric in new[] { "loss", "knn_top1", "linear_top1", "z_std" })
                    Assert.True(trial["metrics"]!.AsObject().ContainsKey(metric), $"metrics have no '{metric}'");
                Assert.Contains(trial["state"]!.GetValue<string>(), new[] { "pending", "running" });
                Assert.Equal(5000, trial["steps"]!.GetValue<long>());
                Assert.True(trial["params"]!.AsObject().ContainsKey("train.tau_base"));
            }

            var table = await CliRun.Against(cluster.Grains, "sweep", "results", id);
            Assert.Equal(0, table.ExitCode);
            Assert.Contains(id, table.Console, StringComparison.Ordinal);
            Assert.Contains("tau_base=0.99", table.Console, StringComparison.Ordinal);

            var csv = await CliRun.Against(cluster.Grains, "sweep", "results", id, "--format", "csv");
            Assert.Equal(0, csv.ExitCode);
            var lines = csv.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(3, lines.Length);
            Assert.StartsWith("rank,trial,seed,state,step,steps,train.tau_base,loss,knn_top1,linear_top1,z_std", lines[0], StringComparison.Ordinal);

            var json = await CliRun.Against(cluster.Grains, "sweep", "results", id, "--format", "json", "--top", "1");
            Assert.Equal(0, json.ExitCode);
            Assert.Single(JsonNode.Parse(json.Out)!["trials"]!.AsArray());

            var list = await CliRun.Against(cluster.Grains, "sweep", "list", "--json");
            Assert.Contains(JsonNode.Parse(list.Out)!.AsArray(), s => s!["id"]!.GetValue<string>() == id);
        }
        finally
        {
            var cancel = await CliRun.Against(cluster.Grains, "sweep", "cancel", id);
            Assert.True(cancel.ExitCode == 0, cancel.ToString());
            Assert.Contains("cancelled", cancel.Console, StringComparison.Ordinal);
        }
        var after = await CliRun.Against(cluster.Grains, "sweep", "show", id, "--json");
        var cancelled = JsonNode.Parse(after.Out)!;
        Assert.Equal("cancelled", cancelled["state"]!.GetValue<string>());
        Assert.All(cancelled["trials"]!.AsArray(), t => Assert.Equal("cancelled", t!["state"]!.GetValue<string>()));
    }

    [Fact]
    public async Task An_unknown_sweep_fails_with_a_one_line_reason()
    {
        var show = await CliRun.Against(cluster.Grains, "sweep", "show", "no-such-sweep");
        Assert.Equal(1, show.ExitCode);
        var line = Assert.Single(show.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("no-such-sweep", line, StringComparison.Ordinal);
        Assert.Contains("does not exist", line, StringComparison.Ordinal);
        Assert.Equal("", show.Out);
    }

    [Fact]
    public async Task The_cluster_command_lists_each_silo_with_its_slots()
    {
        var json = await CliRun.Against(cluster.Grains, "cluster", "--json");
        Assert.True(json.ExitCode == 0, json.ToString());
        var silos = JsonNode.Parse(json.Out)!.AsArray();
        Assert.Equal(ClientTestCluster.SiloCount, silos.Count);
        foreach (var silo in silos)
        {
            Assert.Equal("cpu", silo!["accelerator"]!.GetValue<string>());
            Assert.Equal(1, silo["slots"]!.GetValue<int>());
            Assert.NotNull(silo["trainers"]!.AsArray());
            Assert.False(string.IsNullOrEmpty(silo["status"]!.GetValue<string>()));
        }
        var table = await CliRun.Against(cluster.Grains, "cluster");
        Assert.Equal(0, table.ExitCode);
        Assert.Contains("2 silo(s)", table.Console, StringComparison.Ordinal);
    }
}
