using Byol.Contracts.Specs;
using Byol.Contracts.Sweeps;

namespace Byol.Client.Tests.Report;

/// <summary>Hand-built sweeps with a <c>paper:</c> block: one with absolute figures, one relative to a reference row.</summary>
public static class PaperViews
{
    public static Baselines Baselines { get; } = new(new BaselineScores(0.20, 0.25), new BaselineScores(0.30, 0.35));

    /// <summary>
    /// BYOL Table 5(a) (tau_base, linear top-1 %) with a measured-only row (tau 0.5). Measured: tau 0 at 10 and 12
    /// (a failed trial with metrics does not count), tau 0.9 at 60, 64, 68, tau 0.99 at 60 (one seed), tau 0.996 at
    /// 55 and 57, tau 0.5 at 30, tau 1.0 still running.
    /// </summary>
    public static SweepView Table5a() => new()
    {
        Id = "s-tau",
        Name = "tau",
        State = SweepState.Running,
        Objective = new ObjectiveSpec(),
        Baselines = Baselines,
        Paper = new PaperReference
        {
            Source = "Grill et al. 2020, Table 5(a)",
            Claim = "A target network updated slowly (tau near 1) works best; tau 1 (never updated) collapses to chance.",
            Setting = "ImageNet linear top-1 %, ResNet-50, 300 epochs",
            Rows =
            [
                Row("tau 0", "train.tau_base", 0.0, 0.3),
                Row("tau 0.5", "train.tau_base", 0.5, null),
                Row("tau 0.9", "train.tau_base", 0.9, 68.4),
                Row("tau 0.99", "train.tau_base", 0.99, 72.1),
                Row("tau 0.996", "train.tau_base", 0.996, 72.5),
                Row("tau 1.0", "train.tau_base", 1.0, 18.8),
            ],
        },
        Trials =
        [
            Trial("t0", new() { ["train.tau_base"] = 0.0 }, 0.10, knn: 0.08, zStd: 0.01),
            Trial("t1", new() { ["train.tau_base"] = 0.0 }, 0.12, knn: 0.10, zStd: 0.03),
            Trial("t2", new() { ["train.tau_base"] = 0.0 }, 0.90, state: TrialState.Failed),
            Trial("t3", new() { ["train.tau_base"] = 0.9 }, 0.60, knn: 0.58, zStd: 0.04),
            Trial("t4", new() { ["train.tau_base"] = 0.9 }, 0.64, knn: 0.61, zStd: 0.05),
            Trial("t5", new() { ["train.tau_base"] = 0.9 }, 0.68, knn: 0.64, zStd: 0.06),
            Trial("t6", new() { ["train.tau_base"] = 0.99 }, 0.60, knn: 0.55, zStd: 0.05),
            Trial("t7", new() { ["train.tau_base"] = 0.996 }, 0.55, knn: 0.50, zStd: 0.05),
            Trial("t8", new() { ["train.tau_base"] = 0.996 }, 0.57, knn: 0.52, zStd: 0.07),
            Trial("t9", new() { ["train.tau_base"] = 0.5 }, 0.30, knn: 0.29, zStd: 0.02),
            Trial("t10", new() { ["train.tau_base"] = 1.0 }, null, state: TrialState.Running),
        ],
    };

    /// <summary>
    /// BYOL Figure 3 style: decreases from batch 256, per objective. Measured: byol/256 at 70 and 72, byol/64 at 68 and
    /// 68 (-3), simclr/256 at 60 (its paper value absent), simclr/64 at 50 and 54 (-8), barlow/64 at 30 with no barlow/256
    /// trial to be relative to.
    /// </summary>
    public static SweepView Figure3() => new()
    {
        Id = "s-batch",
        Name = "batch",
        Objective = new ObjectiveSpec(),
        Baselines = Baselines,
        Paper = new PaperReference
        {
            Source = "Grill et al. 2020, Figure 3",
            Claim = "BYOL loses less than SimCLR when the batch shrinks.",
            RelativeTo = new ParamMap([KeyValuePair.Create("batch", (ParamValue)"256")]),
            Rows =
            [
                Row2("BYOL 256", "byol", "256", 0.0),
                Row2("BYOL 64", "byol", "64", -2.0),
                Row2("SimCLR 256", "simclr", "256", null),
                Row2("SimCLR 64", "simclr", "64", -8.0),
                Row2("Barlow 64", "barlow", "64", -5.0),
            ],
        },
        Trials =
        [
            Trial("b0", Batch("byol", "256"), 0.70, knn: 0.60, zStd: 0.05),
            Trial("b1", Batch("byol", "256"), 0.72, knn: 0.62, zStd: 0.05),
            Trial("b2", Batch("byol", "64"), 0.68, knn: 0.60, zStd: 0.04),
            Trial("b3", Batch("byol", "64"), 0.68, knn: 0.58, zStd: 0.04),
            Trial("c0", Batch("simclr", "256"), 0.60, knn: 0.50, zStd: 0.03),
            Trial("c1", Batch("simclr", "64"), 0.50, knn: 0.40, zStd: 0.03),
            Trial("c2", Batch("simclr", "64"), 0.54, knn: 0.42, zStd: 0.03),
            Trial("d0", Batch("barlow", "64"), 0.30, knn: 0.20, zStd: 0.01),
        ],
    };

    public static PaperRow Row(string label, string axis, ParamValue value, double? paper) =>
        new() { Label = label, Match = new ParamMap([KeyValuePair.Create(axis, value)]), Value = paper };

    private static PaperRow Row2(string label, string objective, string batch, double? paper) =>
        new() { Label = label, Match = new ParamMap(Batch(objective, batch)), Value = paper };

    private static Dictionary<string, ParamValue> Batch(string objective, string batch) =>
        new() { ["train.objective"] = objective, ["batch"] = batch };

    public static TrialView Trial(string id, Dictionary<string, ParamValue> parameters, double? linear,
        double? knn = null, double? zStd = null, TrialState state = TrialState.Completed) => new()
    {
        Id = id,
        Params = parameters,
        State = state,
        Metrics = new TrialMetrics { LinearTop1 = linear, KnnTop1 = knn, ZStd = zStd, Loss = 1.0 },
    };
}
