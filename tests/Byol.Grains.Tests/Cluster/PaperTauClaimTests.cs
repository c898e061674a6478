using Byol.Contracts.Specs;
using Byol.Contracts.Sweeps;
using Xunit.Abstractions;

namespace Byol.Grains.Tests.Cluster;

/// <summary>
/// sweeps/paper/tau.yaml at a tiny budget on a real (in-process) cluster, checking the one ordering of the paper's
/// Table 5 that holds even there: tau = 0 without the predictor collapses (z_std near 0), tau = 0.99 with it does not.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class PaperTauClaimTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Tau_zero_without_predictor_collapses_while_tau_099_with_predictor_does_not()
    {
        var spec = TinyTauSweep();
        await using var cluster = await ByolTestCluster.StartAsync(1);
        var (id, submitted) = await cluster.SubmitAsync(spec);
        Assert.True(submitted.Accepted, string.Join("; ", submitted.Errors));

        var view = await cluster.WaitForAsync(id, ByolTestCluster.Ended, TimeSpan.FromMinutes(6));

        Assert.Equal(SweepState.Completed, view.State);
        double ZStd(string variant) => view.Trials.Single(t => t.Params["claim"].ToString() == variant).Metrics.ZStd!.Value;
        var collapsed = ZStd("tau0_no_predictor");
        var healthy = ZStd("tau099_predictor");
        output.WriteLine($"z_std after {spec.Train.Steps} steps x {spec.Train.BatchSize}: tau 0.99 + predictor {healthy:F4}, tau 0 without predictor {collapsed:F4} (1/sqrt(d) = {1 / Math.Sqrt(spec.Model.Projector.Out):F4})");
        Assert.True(collapsed < 0.02, $"tau 0 without predictor should collapse: z_std {collapsed}");
        Assert.True(healthy > 0.25 / Math.Sqrt(spec.Model.Projector.Out), $"tau 0.99 with predictor should not collapse: z_std {healthy}");
        Assert.True(collapsed < 0.25 * healthy, $"z_std {collapsed} (collapse) vs {healthy} (BYOL)");
    }

    /// <summary>tau.yaml as shipped, cut to two trials of 150 steps x 64 on fewer images.</summary>
    private static SweepSpec TinyTauSweep()
    {
        var file = Path.Combine(TinySpecs.RepoRoot, "sweeps", "paper", "tau.yaml");
        var result = SpecParser.ParseFile(file);
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        var spec = result.Spec!;
        Assert.Equal([0.0, 0.9, 0.99, 0.996, 1.0], spec.Search.Space.Single(a => a.Key == "train.tau_base").Domain.Choices.Select(v => v.AsDouble));

        var claim = ParamDomain.OfVariants(
            new ParamVariant("tau0_no_predictor", new ParamMap([new("train.tau_base", 0.0), new("model.predictor.enabled", false)])),
            new ParamVariant("tau099_predictor", new ParamMap([new("train.tau_base", 0.99), new("model.predictor.enabled", true)])));
        return spec with
        {
            Data = spec.Data with { Train = spec.Data.Train with { Limit = 5000 }, Eval = spec.Data.Eval with { Limit = 500 } },
            Train = spec.Train with { Steps = 150, BatchSize = 64, CheckpointEvery = 75 },
            Eval = spec.Eval with { BankLimit = 1000, LinearProbe = new LinearProbeSpec { Epochs = 20 } },
            Search = spec.Search with { Seeds = [0], Space = [new SpaceAxis("claim", claim)] },
            Paper = null,
            MaxConcurrent = 1,
        };
    }
}
