using Byol.Contracts.Specs;

namespace Byol.Contracts.Tests;

public sealed class SpecResolverTests
{
    private readonly SweepSpec spec = Specs.Valid(Specs.Minimal);

    [Fact]
    public void DottedKeysSetNestedFields()
    {
        var resolved = SpecResolver.Resolve(spec, new Dictionary<string, ParamValue>
        {
            ["train.tau_base"] = 0.99,
            ["train.optimizer.name"] = "sgd",
            ["train.views.view1.blur_p"] = 0.25,
            ["model.projector.hidden"] = 512,
            ["model.predictor.enabled"] = false,
            ["eval.knn.k"] = 20,
            ["max_concurrent"] = 2,
        });

        Assert.Equal(0.99, resolved.Train.TauBase);
        Assert.Equal(OptimizerKind.Sgd, resolved.Train.Optimizer.Name);
        Assert.Equal(ViewSpec.Paper1 with { BlurP = 0.25 }, resolved.Train.Views.View1);
        Assert.Equal(ViewSpec.Paper2, resolved.Train.Views.View2);
        Assert.Equal(new ProjectorSpec { Hidden = 512, Out = 256 }, resolved.Model.Projector);
        Assert.False(resolved.Model.Predictor.Enabled);
        Assert.Equal(20, resolved.Eval.Knn.K);
        Assert.Equal(2, resolved.MaxConcurrent);
        Assert.Equal(spec with
        {
            Train = resolved.Train,
            Model = resolved.Model,
            Eval = resolved.Eval,
            MaxConcurrent = 2,
        }, resolved);
    }

    [Fact]
    public void BothSetsTheFieldOfEachView()
    {
        var resolved = SpecResolver.Resolve(spec, new Dictionary<string, ParamValue> { ["train.views.both.solarize_p"] = 0.5 });

        Assert.Equal(0.5, resolved.Train.Views.View1.SolarizeP);
        Assert.Equal(0.5, resolved.Train.Views.View2.SolarizeP);
    }

    [Fact]
    public void EachExpandedTrialResolvesToItsParams()
    {
        var sweep = Specs.Valid(Specs.DesignExample);

        foreach (var trial in SearchExpander.Expand(sweep).Take(12))
        {
            var resolved = SpecResolver.Resolve(sweep, trial);
            Assert.Equal(trial.Params["train.tau_base"].Real, resolved.Train.TauBase);
            Assert.Equal(trial.Params["train.optimizer.base_lr"].Real, resolved.Train.Optimizer.BaseLr);
        }
    }

    [Fact]
    public void BadParamsAreRejectedWithEveryError()
    {
        var error = Assert.Throws<SpecException>(() => SpecResolver.Resolve(spec, new Dictionary<string, ParamValue>
        {
            ["train.tau_bse"] = 0.9,
            ["train.tau_base"] = 1.5,
            ["train.steps"] = "many",
        }));

        Assert.Equal(
            [
                "train.tau_bse: unknown field 'train.tau_bse' (did you mean 'train.tau_base'?)",
                "train.tau_base: must be in [0, 1] (got 1.5)",
                "train.steps: expected an integer, got 'many'",
            ],
            error.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void RulesBetweenFieldsHoldForTheResolvedSpec()
    {
        var error = Assert.Throws<SpecException>(() => SpecResolver.Resolve(spec, new Dictionary<string, ParamValue>
        {
            ["train.views.view2.crop_area_min"] = 0.9,
            ["train.views.view2.crop_area_max"] = 0.5,
        }));

        Assert.Equal("train.views.view2.crop_area_min", Assert.Single(error.Errors).Path);
    }

    [Fact]
    public void IntegralRealsSetIntegerFields()
    {
        var resolved = SpecResolver.Resolve(spec, new Dictionary<string, ParamValue> { ["train.steps"] = 300.0 });

        Assert.Equal(300, resolved.Train.Steps);
    }
}
