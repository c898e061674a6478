namespace Byol.Contracts.Specs.Binding;

/// <summary>
/// The sweep spec's YAML schema: every key, the record member it binds and the rules of its value. It is the one
/// mechanism behind parsing, the validation of search-space keys and values, and applying a trial's parameters.
/// Defaults are not here: they are the records' initializers.
/// </summary>
internal static class SpecSchema
{
    public static Section<SweepSpec> Root { get; } = new(
        Text<SweepSpec>("name", (s, v) => s with { Name = v }, Rules.NotEmpty).Required(),
        new Child<SweepSpec, DataSpec>("data", s => s.Data, (s, v) => s with { Data = v }, Data()).Required(),
        new Child<SweepSpec, ModelSpec>("model", s => s.Model, (s, v) => s with { Model = v }, Model()),
        new Child<SweepSpec, TrainSpec>("train", s => s.Train, (s, v) => s with { Train = v }, Train()),
        new Child<SweepSpec, EvalSpec>("eval", s => s.Eval, (s, v) => s with { Eval = v }, Eval()),
        new Child<SweepSpec, ObjectiveSpec>("objective", s => s.Objective, (s, v) => s with { Objective = v }, Objective()),
        new Child<SweepSpec, SearchSpec>("search", s => s.Search, (s, v) => s with { Search = v }, Search()),
        new Child<SweepSpec, SchedulerSpec>("scheduler", s => s.Scheduler, (s, v) => s with { Scheduler = v }, Scheduler()),
        Int<SweepSpec>("max_concurrent", (s, v) => s with { MaxConcurrent = v }, Rules.AtLeast(1)),
        new Child<SweepSpec, ResourcesSpec>("resources", s => s.Resources, (s, v) => s with { Resources = v }, Resources()),
        new PaperMember());

    /// <summary>Dotted keys a search space may name: every scalar field but the name and the search's own.</summary>
    public static IReadOnlyList<string> SearchableKeys { get; } =
        Root.LeafKeys("").Where(k => k != "name" && !k.StartsWith("search.", StringComparison.Ordinal)).ToArray();

    /// <summary>The scalar field a dotted key names (<c>train.views.view1.blur_p</c>), or null.</summary>
    public static FieldRef<SweepSpec>? FindField(string dotted) =>
        dotted == "name" || dotted.StartsWith("search.", StringComparison.Ordinal) ? null : Root.Find(dotted.Split('.'));

    private static Section<DataSpec> Data()
    {
        var source = new Section<DataSourceSpec>(
            Enum<DataSourceSpec, DataKind>("kind", (d, v) => d with { Kind = v }).Required(),
            Text<DataSourceSpec>("path", (d, v) => d with { Path = v }, Rules.NotEmpty).Required(),
            new Scalar<DataSourceSpec, string?>("split", ScalarTypes.OptionalText, (d, v) => d with { Split = v }),
            Int<DataSourceSpec>("image_size", (d, v) => d with { ImageSize = v }, Rules.AtLeast(0)),
            Int<DataSourceSpec>("channels", (d, v) => d with { Channels = v }, Rules.OneOf(0, 1, 3)),
            Int<DataSourceSpec>("limit", (d, v) => d with { Limit = v }, Rules.AtLeast(0)));
        return new Section<DataSpec>(
            new Child<DataSpec, DataSourceSpec>("train", d => d.Train, (d, v) => d with { Train = v }, source).Required(),
            new Child<DataSpec, DataSourceSpec>("eval", d => d.Eval, (d, v) => d with { Eval = v }, source).Required(),
            new Child<DataSpec, DataSourceSpec>("probe", d => d.Probe ?? new(), (d, v) => d with { Probe = v }, source));
    }

    private static Section<ModelSpec> Model()
    {
        var projector = new Section<ProjectorSpec>(
            Int<ProjectorSpec>("hidden", (p, v) => p with { Hidden = v }, Rules.AtLeast(1)),
            Int<ProjectorSpec>("out", (p, v) => p with { Out = v }, Rules.AtLeast(1)));
        var predictor = new Section<PredictorSpec>(
            new Scalar<PredictorSpec, bool>("enabled", ScalarTypes.Bool, (p, v) => p with { Enabled = v }),
            Int<PredictorSpec>("hidden", (p, v) => p with { Hidden = v }, Rules.AtLeast(1)));
        var target = new Section<TargetSpec>(Enum<TargetSpec, TargetInit>("init", (t, v) => t with { Init = v }));
        return new Section<ModelSpec>(
            Enum<ModelSpec, EncoderKind>("encoder", (m, v) => m with { Encoder = v }),
            new Child<ModelSpec, ProjectorSpec>("projector", m => m.Projector, (m, v) => m with { Projector = v }, projector),
            new Child<ModelSpec, PredictorSpec>("predictor", m => m.Predictor, (m, v) => m with { Predictor = v }, predictor)
            {
                Shorthands = new Dictionary<string, Func<PredictorSpec, PredictorSpec>> { ["none"] = p => p with { Enabled = false } },
            },
            new Child<ModelSpec, TargetSpec>("target", m => m.Target, (m, v) => m with { Target = v }, target));
    }

    private static Section<TrainSpec> Train()
    {
        var optimizer = new Section<OptimizerSpec>(
            Enum<OptimizerSpec, OptimizerKind>("name", (o, v) => o with { Name = v }),
            Real<OptimizerSpec>("base_lr", (o, v) => o with { BaseLr = v }, Rules.Positive),
            Real<OptimizerSpec>("weight_decay", (o, v) => o with { WeightDecay = v }, Rules.NonNegative),
            Real<OptimizerSpec>("momentum", (o, v) => o with { Momentum = v }, Rules.Below(0, 1)),
            Real<OptimizerSpec>("trust_coefficient", (o, v) => o with { TrustCoefficient = v }, Rules.Positive),
            Int<OptimizerSpec>("warmup_steps", (o, v) => o with { WarmupSteps = v }, Rules.AtLeast(0)));
        return new Section<TrainSpec>(
            Int<TrainSpec>("steps", (t, v) => t with { Steps = v }, Rules.AtLeast(0)),
            Int<TrainSpec>("batch_size", (t, v) => t with { BatchSize = v }, Rules.AtLeast(2)),
            new Child<TrainSpec, OptimizerSpec>("optimizer", t => t.Optimizer, (t, v) => t with { Optimizer = v }, optimizer),
            Real<TrainSpec>("tau_base", (t, v) => t with { TauBase = v }, Rules.Between(0, 1)),
            Enum<TrainSpec, PretrainObjective>("objective", (t, v) => t with { Objective = v }),
            Real<TrainSpec>("temperature", (t, v) => t with { Temperature = v }, Rules.Positive),
            Int<TrainSpec>("image_size", (t, v) => t with { ImageSize = v }, Rules.AtLeast(1)),
            new Child<TrainSpec, ViewsSpec>("views", t => t.Views, (t, v) => t with { Views = v }, Views())
            {
                Shorthands = new Dictionary<string, Func<ViewsSpec, ViewsSpec>> { ["paper"] = _ => ViewsSpec.Paper },
            },
            Int<TrainSpec>("checkpoint_every", (t, v) => t with { CheckpointEvery = v }, Rules.AtLeast(1)),
            Int<TrainSpec>("log_every", (t, v) => t with { LogEvery = v }, Rules.AtLeast(1)));
    }

    /// <summary>Table 6 of the paper, one key per row; <c>both</c> applies before <c>view1</c> and <c>view2</c>.</summary>
    private static Section<ViewsSpec> Views()
    {
        var view = new Section<ViewSpec>(
            Real<ViewSpec>("crop_area_min", (v, x) => v with { CropAreaMin = x }, Rules.Above(0, 1)),
            Real<ViewSpec>("crop_area_max", (v, x) => v with { CropAreaMax = x }, Rules.Above(0, 1)),
            Real<ViewSpec>("aspect_min", (v, x) => v with { AspectMin = x }, Rules.Positive),
            Real<ViewSpec>("aspect_max", (v, x) => v with { AspectMax = x }, Rules.Positive),
            Enum<ViewSpec, Interpolation>("interpolation", (v, x) => v with { Interpolation = x }),
            Real<ViewSpec>("flip", (v, x) => v with { Flip = x }, Rules.Probability),
            Real<ViewSpec>("jitter_p", (v, x) => v with { JitterP = x }, Rules.Probability),
            Real<ViewSpec>("brightness", (v, x) => v with { Brightness = x }, Rules.NonNegative),
            Real<ViewSpec>("contrast", (v, x) => v with { Contrast = x }, Rules.NonNegative),
            Real<ViewSpec>("saturation", (v, x) => v with { Saturation = x }, Rules.NonNegative),
            Real<ViewSpec>("hue", (v, x) => v with { Hue = x }, Rules.Between(0, 0.5)),
            Real<ViewSpec>("grayscale_p", (v, x) => v with { GrayscaleP = x }, Rules.Probability),
            Real<ViewSpec>("blur_p", (v, x) => v with { BlurP = x }, Rules.Probability),
            Real<ViewSpec>("blur_sigma_min", (v, x) => v with { BlurSigmaMin = x }, Rules.Positive),
            Real<ViewSpec>("blur_sigma_max", (v, x) => v with { BlurSigmaMax = x }, Rules.Positive),
            Real<ViewSpec>("solarize_p", (v, x) => v with { SolarizeP = x }, Rules.Probability));
        return new Section<ViewsSpec>(
            new Fanout<ViewsSpec, ViewSpec>("both", view,
                (v => v.View1, (v, x) => v with { View1 = x }),
                (v => v.View2, (v, x) => v with { View2 = x })),
            new Child<ViewsSpec, ViewSpec>("view1", v => v.View1, (v, x) => v with { View1 = x }, view),
            new Child<ViewsSpec, ViewSpec>("view2", v => v.View2, (v, x) => v with { View2 = x }, view));
    }

    private static Section<EvalSpec> Eval()
    {
        var knn = new Section<KnnSpec>(
            Int<KnnSpec>("k", (k, v) => k with { K = v }, Rules.AtLeast(1)),
            Real<KnnSpec>("temperature", (k, v) => k with { Temperature = v }, Rules.Positive));
        var probe = new Section<LinearProbeSpec>(
            Int<LinearProbeSpec>("epochs", (p, v) => p with { Epochs = v }, Rules.AtLeast(1)));
        return new Section<EvalSpec>(
            new Child<EvalSpec, KnnSpec>("knn", e => e.Knn, (e, v) => e with { Knn = v }, knn),
            new Child<EvalSpec, LinearProbeSpec>("linear_probe", e => e.LinearProbe, (e, v) => e with { LinearProbe = v }, probe),
            Int<EvalSpec>("bank_limit", (e, v) => e with { BankLimit = v }, Rules.AtLeast(0)),
            Int<EvalSpec>("eval_limit", (e, v) => e with { EvalLimit = v }, Rules.AtLeast(0)));
    }

    /// <summary>An omitted mode follows the metric: min for loss, max for the rest.</summary>
    private static Section<ObjectiveSpec> Objective() => new(
        Enum<ObjectiveSpec, ObjectiveMetric>("metric", (o, v) => o with { Metric = v }),
        Enum<ObjectiveSpec, ObjectiveMode>("mode", (o, v) => o with { Mode = v }))
    {
        AfterBind = (o, given) => given.Contains("mode") || o.Metric != ObjectiveMetric.Loss ? o : o with { Mode = ObjectiveMode.Min },
    };

    private static Section<SearchSpec> Search() => new(
        Enum<SearchSpec, SearchMethod>("method", (s, v) => s with { Method = v }),
        new Scalar<SearchSpec, int?>("samples", ScalarTypes.OptionalInt, (s, v) => s with { Samples = v }, Rules.AtLeast(1)),
        Int<SearchSpec>("seed", (s, v) => s with { Seed = v }),
        new IntList<SearchSpec>("seeds", (s, v) => s with { Seeds = v }),
        new SpaceMember("space", (s, v) => s with { Space = v }));

    private static Section<SchedulerSpec> Scheduler() => new(
        Enum<SchedulerSpec, SchedulerKind>("name", (s, v) => s with { Name = v }),
        new Scalar<SchedulerSpec, int?>("grace_steps", ScalarTypes.OptionalInt, (s, v) => s with { GraceSteps = v }, Rules.AtLeast(1)),
        Int<SchedulerSpec>("reduction_factor", (s, v) => s with { ReductionFactor = v }, Rules.AtLeast(2)));

    private static Section<ResourcesSpec> Resources() => new(
        Enum<ResourcesSpec, AcceleratorKind>("accelerator", (r, v) => r with { Accelerator = v }),
        Int<ResourcesSpec>("slots", (r, v) => r with { Slots = v }, Rules.AtLeast(1)));

    private static Scalar<T, double> Real<T>(string key, Func<T, double, T> set, params Func<ParamValue, string?>[] rules) =>
        new(key, ScalarTypes.Real, set, rules);

    private static Scalar<T, int> Int<T>(string key, Func<T, int, T> set, params Func<ParamValue, string?>[] rules) =>
        new(key, ScalarTypes.Int, set, rules);

    private static Scalar<T, string> Text<T>(string key, Func<T, string, T> set, params Func<ParamValue, string?>[] rules) =>
        new(key, ScalarTypes.Text, set, rules);

    private static Scalar<T, TEnum> Enum<T, TEnum>(string key, Func<T, TEnum, T> set) where TEnum : struct, Enum =>
        new(key, ScalarTypes.Enum<TEnum>(), set);
}
