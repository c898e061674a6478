using Byol.Client.Tests.Cluster;

namespace Byol.Client.Tests.Cli;

public sealed class SpecErrorTests
{
    [Fact]
    public async Task A_spec_with_three_errors_prints_all_three_with_their_paths_and_schedules_nothing()
    {
        var connected = false;
        var spec = TestSpecs.Write(TestSpecs.ThreeErrors);
        var result = await CliRun.RunAsync(_ =>
        {
            connected = true;
            throw new InvalidOperationException("an invalid spec must not reach the cluster");
        }, "sweep", "submit", spec, "--wait");

        Assert.Equal(2, result.ExitCode);
        Assert.False(connected, "nothing may be sent to the cluster for an invalid spec");
        Assert.Contains("3 error(s); nothing was scheduled", result.Error, StringComparison.Ordinal);
        Assert.Contains("model.encoder:", result.Error, StringComparison.Ordinal);
        Assert.Contains("train.steps:", result.Error, StringComparison.Ordinal);
        Assert.Contains("objective.metric:", result.Error, StringComparison.Ordinal);
        Assert.Equal("", result.Out);
    }

    [Fact]
    public async Task A_missing_spec_file_is_named()
    {
        var result = await CliRun.RunAsync(_ => throw new InvalidOperationException("not reached"), "sweep", "submit", "/no/such/spec.yaml");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("/no/such/spec.yaml", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_option_value_is_a_usage_error()
    {
        var result = await CliRun.RunAsync(_ => throw new InvalidOperationException("not reached"), "sweep", "results", "x", "--format", "xml");
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("xml", result.Error, StringComparison.Ordinal);
    }
}
