namespace Byol.Contracts.Specs;

/// <summary>
/// A sweep as its YAML describes it (DESIGN.md, "Sweep spec"). Every default is the paper's and lives in the
/// initializers of these records.
/// </summary>
[GenerateSerializer, Alias("byol.sweep_spec"), Immutable]
public sealed record SweepSpec
{
    [Id(0)] public string Name { get; init; } = "";
    [Id(1)] public DataSpec Data { get; init; } = new();
    [Id(2)] public ModelSpec Model { get; init; } = new();
    [Id(3)] public TrainSpec Train { get; init; } = new();
    [Id(4)] public EvalSpec Eval { get; init; } = new();
    [Id(5)] public ObjectiveSpec Objective { get; init; } = new();
    [Id(6)] public SearchSpec Search { get; init; } = new();
    [Id(7)] public SchedulerSpec Scheduler { get; init; } = new();
    [Id(8)] public int MaxConcurrent { get; init; } = 4;
    [Id(9)] public ResourcesSpec Resources { get; init; } = new();

    /// <summary>The YAML text the spec was parsed from, when it was.</summary>
    [Id(10)] public string? SourceYaml { get; init; }

    /// <summary>The published figures this sweep reproduces, when it says (`paper:`); the report sets them side by side.</summary>
    [Id(11)] public PaperReference? Paper { get; init; }
}
