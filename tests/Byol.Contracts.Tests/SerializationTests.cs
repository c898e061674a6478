using Byol.Contracts.Specs;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace Byol.Contracts.Tests;

/// <summary>Specs and plans travel between client, experiment grain and trainers through Orleans' serializer.</summary>
public sealed class SerializationTests
{
    private static readonly Serializer Serializer =
        new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>();

    private static T RoundTrip<T>(T value) => Serializer.Deserialize<T>(Serializer.SerializeToArray(value))!;

    [Fact]
    public void SweepSpecRoundTrips()
    {
        var spec = Specs.Valid(Specs.DesignExample);

        Assert.Equal(spec, RoundTrip(spec));
    }

    [Fact]
    public void ZerosAndNonDefaultsSurviveTheRoundTrip()
    {
        // Values that differ from the initializers, zeros included: a serializer that skipped "default" values
        // would hand back the initializer's value.
        var spec = Specs.Valid(Specs.With("""
            model: { encoder: small-resnet, predictor: none, projector: { hidden: 64, out: 32 } }
            train:
              steps: 0
              tau_base: 0
              optimizer: { name: adamw, weight_decay: 0, momentum: 0 }
              views: { both: { jitter_p: 0, blur_p: 0 }, view2: { solarize_p: 0 } }
            eval: { bank_limit: 0 }
            scheduler: { name: asha, grace_steps: 0 }
            search: { method: random, samples: 3, seed: -5, seeds: [7, 0], space: { train.batch_size: { randint: [2, 64] } } }
            resources: { accelerator: cpu, slots: 2 }
            """).Replace("grace_steps: 0", "grace_steps: null", StringComparison.Ordinal).Replace("name: asha, ", "", StringComparison.Ordinal));

        var copy = RoundTrip(spec);

        Assert.Equal(spec, copy);
        Assert.Equal(0, copy.Train.Steps);
        Assert.Equal(0.0, copy.Train.TauBase);
        Assert.Equal(0.0, copy.Train.Views.View2.SolarizeP);
        Assert.False(copy.Model.Predictor.Enabled);
        Assert.Null(copy.Scheduler.GraceSteps);
    }

    [Fact]
    public void TrialPlansRoundTrip()
    {
        var trials = SearchExpander.Expand(Specs.Valid(Specs.DesignExample));

        foreach (var trial in trials.Take(4))
        {
            var copy = RoundTrip(trial);
            Assert.Equal(trial, copy);
            Assert.Equal(trial.Params.Keys, copy.Params.Keys);
        }

        var mixed = new TrialPlan("t042", new Dictionary<string, ParamValue>
        {
            ["a"] = 1.5, ["b"] = 7L, ["c"] = true, ["d"] = "sgd",
        }, 3);
        Assert.Equal(mixed, RoundTrip(mixed));
        Assert.Equal(mixed, RoundTrip((object)mixed));
    }

    [Fact]
    public void ErrorsRoundTrip()
    {
        var error = new SpecError("train.steps", "must be >= 0 (got -1)") { Line = 3, Column = 10 };

        Assert.Equal(error, RoundTrip(error));
    }
}
