using System.Text.Json.Nodes;
using Byol.Client.Tests.Cli;

namespace Byol.Client.Tests.Cluster;

/// <summary>
/// A tiny sweep with a <c>paper:</c> block submitted with `byol sweep submit SPEC --wait` and trained to the end, once
/// per test run: the submit output (the watch, then the results), its id and its `sweep show` JSON.
/// </summary>
public sealed record FinishedSweep(string Id, CliResult Submit, JsonObject Show)
{
    public static async Task<FinishedSweep> RunAsync(ClientTestCluster cluster)
    {
        var spec = TestSpecs.Write(TestSpecs.TinyWithPaper());
        var submit = await CliRun.Against(cluster.Grains, "sweep", "submit", spec, "--wait");
        Assert.True(submit.ExitCode == 0, submit.ToString());
        var list = await CliRun.Against(cluster.Grains, "sweep", "list", "--json");
        var id = JsonNode.Parse(list.Out)!.AsArray().Select(s => s!["id"]!.GetValue<string>()).First(i => submit.Console.Contains(i, StringComparison.Ordinal));
        var show = await CliRun.Against(cluster.Grains, "sweep", "show", id, "--json");
        Assert.Equal(0, show.ExitCode);
        return new FinishedSweep(id, submit, JsonNode.Parse(show.Out)!.AsObject());
    }
}
