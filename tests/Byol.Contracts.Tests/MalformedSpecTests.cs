using Byol.Contracts.Specs;

namespace Byol.Contracts.Tests;

/// <summary>Each malformed spec is rejected with an error at the offending field's path, saying what is wrong.</summary>
public sealed class MalformedSpecTests
{
    /// <summary>Bodies appended to <see cref="Specs.Minimal"/>: (yaml, expected path, message fragment).</summary>
    public static TheoryData<string, string, string> Appended => new()
    {
        // wrong types
        { "train: { steps: abc }", "train.steps", "expected an integer, got 'abc'" },
        { "train: { batch_size: 12.5 }", "train.batch_size", "expected an integer, got '12.5'" },
        { "train: { tau_base: high }", "train.tau_base", "expected a number, got 'high'" },
        { "train: { optimizer: { base_lr: [1, 2] } }", "train.optimizer.base_lr", "expected a number, got a list" },
        { "model: { predictor: { enabled: maybe } }", "model.predictor.enabled", "expected true or false, got 'maybe'" },
        { "train: 5", "train", "expected a mapping, got '5'" },
        { "train: { steps: }", "train.steps", "expected an integer, got nothing" },
        { "search: { seeds: [0, x] }", "search.seeds[1]", "expected an integer, got 'x'" },
        // out of range
        { "train: { optimizer: { base_lr: -0.1 } }", "train.optimizer.base_lr", "must be > 0 (got -0.1)" },
        { "train: { optimizer: { base_lr: 0 } }", "train.optimizer.base_lr", "must be > 0" },
        { "train: { optimizer: { weight_decay: -1e-6 } }", "train.optimizer.weight_decay", "must be >= 0" },
        { "train: { optimizer: { momentum: 1.0 } }", "train.optimizer.momentum", "must be in [0, 1)" },
        { "train: { tau_base: 1.5 }", "train.tau_base", "must be in [0, 1] (got 1.5)" },
        { "train: { tau_base: -0.1 }", "train.tau_base", "must be in [0, 1]" },
        { "train: { batch_size: 1 }", "train.batch_size", "must be >= 2 (got 1)" },
        { "train: { steps: -1 }", "train.steps", "must be >= 0 (got -1)" },
        { "train: { checkpoint_every: 0 }", "train.checkpoint_every", "must be >= 1" },
        { "train: { views: { view2: { solarize_p: 1.2 } } }", "train.views.view2.solarize_p", "must be in [0, 1] (got 1.2)" },
        { "train: { views: { both: { jitter_p: -0.5 } } }", "train.views.both.jitter_p", "must be in [0, 1]" },
        { "train: { views: { view1: { crop_area_min: 0.9, crop_area_max: 0.5 } } }", "train.views.view1.crop_area_min", "must be <= crop_area_max" },
        { "train: { views: { view1: { blur_sigma_min: 3 } } }", "train.views.view1.blur_sigma_min", "must be <= blur_sigma_max (got 3 > 2)" },
        { "train: { steps: 50, optimizer: { warmup_steps: 100 } }", "train.optimizer.warmup_steps", "must be <= train.steps" },
        { "eval: { knn: { k: 0 } }", "eval.knn.k", "must be >= 1" },
        { "max_concurrent: 0", "max_concurrent", "must be >= 1" },
        { "resources: { slots: 0 }", "resources.slots", "must be >= 1" },
        { "model: { projector: { out: 0 } }", "model.projector.out", "must be >= 1" },
        // unknown enum values
        { "model: { encoder: resnet34 }", "model.encoder", "unknown value 'resnet34' (expected one of resnet18, resnet50, resnet18-cifar, small-resnet)" },
        { "train: { optimizer: { name: adam } }", "train.optimizer.name", "did you mean 'adamw'?" },
        { "train: { objective: moco }", "train.objective", "unknown value 'moco'" },
        { "objective: { metric: top5 }", "objective.metric", "unknown value 'top5'" },
        { "objective: { mode: maximize }", "objective.mode", "unknown value 'maximize'" },
        { "scheduler: { name: hyperband }", "scheduler.name", "unknown value 'hyperband'" },
        { "search: { method: bayes }", "search.method", "unknown value 'bayes'" },
        { "resources: { accelerator: tpu }", "resources.accelerator", "unknown value 'tpu' (expected one of any, cuda, cpu)" },
        { "train: { views: { view1: { interpolation: lanczos } } }", "train.views.view1.interpolation", "unknown value 'lanczos'" },
        { "train: { views: standard }", "train.views", "expected a mapping or 'paper', got 'standard'" },
        { "model: { predictor: off }", "model.predictor", "expected a mapping or 'none'" },
        // unknown keys
        { "train: { tau_bse: 0.99 }", "train.tau_bse", "unknown key 'tau_bse' (did you mean 'tau_base'?)" },
        { "trian: { steps: 10 }", "trian", "unknown key 'trian' (did you mean 'train'?)" },
        { "train: { views: { view3: { flip: 0 } } }", "train.views.view3", "unknown key 'view3'" },
        // search space
        { "search: { space: { train.tau_bse: [0.9] } }", "search.space.train.tau_bse", "unknown field 'train.tau_bse' (did you mean 'train.tau_base'?)" },
        { "search: { space: { train.views: [paper] } }", "search.space.train.views", "unknown field 'train.views'" },
        { "search: { space: { search.seed: [1, 2] } }", "search.space.search.seed", "cannot be searched" },
        { "search: { space: { train.tau_base: [] } }", "search.space.train.tau_base", "must list at least one value" },
        { "search: { space: { train.tau_base: [0.9, 1.5] } }", "search.space.train.tau_base[1]", "must be in [0, 1] (got 1.5)" },
        { "search: { space: { train.tau_base: [0.9, 0.9] } }", "search.space.train.tau_base[1]", "duplicate value 0.9" },
        { "search: { space: { train.optimizer.name: [lars, adam] } }", "search.space.train.optimizer.name[1]", "unknown value 'adam'" },
        { "search: { space: { train.tau_base: { uniform: [0.9, 1.5] } } }", "search.space.train.tau_base.uniform[1]", "must be in [0, 1]" },
        { "search: { space: { train.optimizer.base_lr: { loguniform: [0, 1] } } }", "search.space.train.optimizer.base_lr.loguniform[0]", "must be > 0" },
        { "search: { space: { train.optimizer.weight_decay: { loguniform: [0, 1] } } }", "search.space.train.optimizer.weight_decay.loguniform", "loguniform needs low > 0" },
        { "search: { space: { train.tau_base: { uniform: [0.99, 0.9] } } }", "search.space.train.tau_base.uniform", "low must be < high" },
        { "search: { space: { train.tau_base: { uniform: [0.9] } } }", "search.space.train.tau_base.uniform", "expected [low, high]" },
        { "search: { space: { train.steps: { uniform: [10, 20] } } }", "search.space.train.steps.uniform", "use randint" },
        { "search: { space: { train.steps: { randint: [10, 2.5] } } }", "search.space.train.steps.randint[1]", "expected an integer, got '2.5'" },
        { "search: { space: { train.tau_base: { normal: [0, 1] } } }", "search.space.train.tau_base", "expected a list of values or one of" },
        { "search: { space: { train.tau_base: { loguniform: [0.5, 1] } } }", "search.space.train.tau_base", "grid search cannot enumerate loguniform[0.5, 1.0]" },
        { "search: { method: random, space: { train.tau_base: [0.9] } }", "search.samples", "is required when search.method is random" },
        { "search: { method: random, samples: 0 }", "search.samples", "must be >= 1" },
        { "search: { seeds: [] }", "search.seeds", "must list at least one value" },
        { "search: { seeds: [1, 1] }", "search.seeds[1]", "duplicate value 1" },
        { "search: { space: { train.views.view1.crop_area_min: [0.5, 0.9] } }\ntrain: { views: { view1: { crop_area_max: 0.6 } } }",
          "search.space", "trial t001 train.views.view1.crop_area_min=0.9 seed=0 is invalid: train.views.view1.crop_area_min: must be <= crop_area_max" },
        // scheduler
        { "scheduler: { name: asha }", "scheduler.grace_steps", "is required when scheduler.name is asha" },
        { "scheduler: { name: asha, grace_steps: 5000 }", "scheduler.grace_steps", "must be <= train.steps (got 5000 > 2000)" },
        { "scheduler: { name: asha, grace_steps: 10, reduction_factor: 1 }", "scheduler.reduction_factor", "must be >= 2" },
    };

    /// <summary>Whole specs: (yaml, expected path, message fragment).</summary>
    public static TheoryData<string, string, string> Whole => new()
    {
        { "data: { train: { kind: idx, path: /x }, eval: { kind: idx, path: /x } }", "name", "is required" },
        { "name: ''\ndata: { train: { kind: idx, path: /x }, eval: { kind: idx, path: /x } }", "name", "must not be empty" },
        { "name: n", "data", "is required" },
        { "name: n\ndata: { train: { kind: idx, path: /x } }", "data.eval", "is required" },
        { "name: n\ndata: { eval: { kind: idx, path: /x } }", "data.train", "is required" },
        { "name: n\ndata: { train: { kind: zip, path: /x }, eval: { kind: idx, path: /x } }", "data.train.kind", "unknown value 'zip' (expected one of idx, folder, tar)" },
        { "name: n\ndata: { train: { kind: idx }, eval: { kind: idx, path: /x } }", "data.train.path", "is required" },
        { "name: n\ndata: { train: { kind: idx, path: /x, channels: 2 }, eval: { kind: idx, path: /x } }", "data.train.channels", "must be one of 0, 1, 3 (got 2)" },
        { "name: n\ndata: { train: { kind: idx, path: /x }, eval: { kind: idx, path: /x, limit: -5 } }", "data.eval.limit", "must be >= 0" },
        { "name: n\ndata: { train: { kind: idx, path: /x }, eval: { kind: idx, path: /x, pth: /y } }", "data.eval.pth", "unknown key 'pth' (did you mean 'path'?)" },
        { "- just\n- a list", "", "expected a mapping, got a list" },
        { "", "", "the spec is empty" },
        { "name: [unclosed", "", "did not find expected ',' or ']'" },
        { "name: a\nname: b", "", "YAML syntax error" },
        { "name: a\n  data: x\n bad: indent", "", "YAML syntax error at line 2" },
    };

    [Theory]
    [MemberData(nameof(Appended))]
    public void AppendedMistakeIsReportedAtItsPath(string body, string path, string fragment)
    {
        AssertError(Specs.Invalid(Specs.With(body)), path, fragment);
    }

    [Theory]
    [MemberData(nameof(Whole))]
    public void WholeSpecMistakeIsReportedAtItsPath(string yaml, string path, string fragment) =>
        AssertError(Specs.Invalid(yaml), path, fragment);

    [Fact]
    public void ThreeIndependentErrorsAreAllReported()
    {
        var errors = Specs.Invalid(Specs.With("""
            model: { encoder: resnet34 }
            train: { optimizer: { base_lr: -0.1 }, tau_bse: 0.9 }
            search: { method: random }
            """));

        Assert.Equal(
            [
                "model.encoder",
                "train.tau_bse",
                "train.optimizer.base_lr",
                "search.samples",
            ],
            errors.Select(e => e.Path).ToArray());
        Assert.Contains(errors, e => e.ToString() == "train.optimizer.base_lr: must be > 0 (got -0.1)");
    }

    [Fact]
    public void ErrorsCarryTheirLine()
    {
        var errors = Specs.Invalid(Specs.With("train:\n  steps: abc\n"));

        var error = Assert.Single(errors);
        Assert.Equal(6, error.Line); // Minimal is four lines; "steps" is the sixth
        Assert.Equal("train.steps: expected an integer, got 'abc'", error.ToString());
    }

    [Fact]
    public void TooManyTrialsIsAnError()
    {
        var errors = Specs.Invalid(Specs.With("search: { method: random, samples: 600, seeds: [0, 1] }"), Specs.NoPathCheck with { MaxTrials = 1000 });

        AssertError(errors, "search", "expands to 1200 trials (at most 1000)");
    }

    private static void AssertError(IReadOnlyList<SpecError> errors, string path, string fragment)
    {
        var all = string.Join(Environment.NewLine, errors);
        Assert.True(
            errors.Any(e => e.Path == path && e.Message.Contains(fragment, StringComparison.Ordinal)),
            $"expected '{path}: ...{fragment}...', got:{Environment.NewLine}{all}");
    }
}
