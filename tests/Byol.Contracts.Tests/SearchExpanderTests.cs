using Byol.Contracts.Specs;

namespace Byol.Contracts.Tests;

public sealed class SearchExpanderTests
{
    private static readonly double[] Taus = [0.0, 0.9, 0.99, 0.996, 1.0];

    [Fact]
    public void GridIsTheProductOfAxesTimesSeedsInOrder()
    {
        var spec = Specs.Valid(Specs.With("search: { seeds: [0, 1], space: { train.tau_base: [0.0, 0.9, 0.99, 0.996, 1.0] } }"));

        var trials = SearchExpander.Expand(spec);

        Assert.Equal(10, trials.Count);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"t{i:D3}"), trials.Select(t => t.Id));
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(ParamValue.Of(Taus[i / 2]), trials[i].Params["train.tau_base"]);
            Assert.Equal(i % 2, trials[i].Seed);
        }

        Assert.Equal("t005 train.tau_base=0.99 seed=1", trials[5].Describe());
    }

    [Fact]
    public void GridVariesTheFirstAxisSlowest()
    {
        var spec = Specs.Valid(Specs.With("""
            search:
              space:
                train.optimizer.name: [lars, sgd]
                model.projector.hidden: [512, 1024, 2048]
                model.predictor.enabled: { choice: [true, false] }
            """));

        var trials = SearchExpander.Expand(spec);

        Assert.Equal(12, trials.Count);
        Assert.Equal(["train.optimizer.name", "model.projector.hidden", "model.predictor.enabled"], trials[0].Params.Keys);
        Assert.Equal("t000 train.optimizer.name=lars model.projector.hidden=512 model.predictor.enabled=true seed=0", trials[0].Describe());
        Assert.Equal("t001 train.optimizer.name=lars model.projector.hidden=512 model.predictor.enabled=false seed=0", trials[1].Describe());
        Assert.Equal("t011 train.optimizer.name=sgd model.projector.hidden=2048 model.predictor.enabled=false seed=0", trials[11].Describe());
        Assert.Equal(trials.Count, trials.Select(t => t.Params).Distinct().Count());
    }

    [Fact]
    public void RandomIsDeterministicPerSeedAndWithinBounds()
    {
        const string Space = """
            space:
                train.optimizer.base_lr: { loguniform: [0.01, 1.0] }
                train.tau_base: { uniform: [0.9, 1.0] }
                train.batch_size: { randint: [2, 4] }
                train.optimizer.name: [lars, sgd, adamw]
            """;
        string Yaml(int seed) => Specs.With($"search:\n  method: random\n  samples: 200\n  seed: {seed}\n  seeds: [3, 4]\n  {Space}");

        var first = SearchExpander.Expand(Specs.Valid(Yaml(7)));
        var again = SearchExpander.Expand(Specs.Valid(Yaml(7)));
        var other = SearchExpander.Expand(Specs.Valid(Yaml(8)));

        Assert.Equal(400, first.Count);
        Assert.Equal(first, again);
        Assert.NotEqual(first.Select(t => t.Params), other.Select(t => t.Params));
        Assert.All(first, t =>
        {
            Assert.Equal(ParamKind.Real, t.Params["train.optimizer.base_lr"].Kind);
            Assert.InRange(t.Params["train.optimizer.base_lr"].Real, 0.01, 1.0);
            Assert.InRange(t.Params["train.tau_base"].Real, 0.9, 1.0);
            Assert.Equal(ParamKind.Integer, t.Params["train.batch_size"].Kind);
        });
        Assert.Equal([2L, 3L, 4L], first.Select(t => t.Params["train.batch_size"].Integer).Distinct().Order());
        Assert.Equal(3, first.Select(t => t.Params["train.optimizer.name"].Text).Distinct().Count());
        var lrs = first.Select(t => Math.Log10(t.Params["train.optimizer.base_lr"].Real)).ToArray();
        Assert.Contains(lrs, x => x < -1.5);
        Assert.Contains(lrs, x => x > -0.5);
    }

    [Fact]
    public void EachPointRunsOncePerSeedWithTheSameParams()
    {
        var spec = Specs.Valid(Specs.With("search: { method: random, samples: 3, seeds: [10, 20] }\n"));

        var trials = SearchExpander.Expand(spec);

        Assert.Equal([10, 20, 10, 20, 10, 20], trials.Select(t => t.Seed));
        Assert.NotEqual(trials[0], trials[1]);
        Assert.Equal(trials[0].Params, trials[1].Params);
    }

    [Fact]
    public void RandIntOnARealFieldGivesReals()
    {
        var spec = Specs.Valid(Specs.With("search: { method: random, samples: 20, space: { train.views.both.hue: { randint: [0, 0] } } }"));

        Assert.All(SearchExpander.Expand(spec), t => Assert.Equal(ParamValue.Of(0.0), t.Params["train.views.both.hue"]));
    }

    [Fact]
    public void IdsWidenPastAThousandTrials()
    {
        var spec = Specs.Valid(Specs.With("search: { method: random, samples: 1001 }"));

        var trials = SearchExpander.Expand(spec);

        Assert.Equal("t0000", trials[0].Id);
        Assert.Equal("t1000", trials[^1].Id);
    }
}
