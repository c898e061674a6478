namespace Byol.Contracts.Specs;

/// <summary>
/// The search: grid (cartesian product of the list axes) or random (<see cref="Samples"/> draws), each point run
/// once per seed of <see cref="Seeds"/>.
/// </summary>
[GenerateSerializer, Alias("byol.search"), Immutable]
public sealed record SearchSpec
{
    [Id(0)] public SearchMethod Method { get; init; } = SearchMethod.Grid;

    /// <summary>Random: the number of draws. Grid: draws of the sampled (non-list) axes per grid point.</summary>
    [Id(1)] public int? Samples { get; init; }

    /// <summary>Seed of the search's own RNG.</summary>
    [Id(2)] public int Seed { get; init; }

    /// <summary>Training seeds; every point of the search runs once per seed.</summary>
    [Id(3)] public ValueList<int> Seeds { get; init; } = [0];

    /// <summary>Axes in YAML order.</summary>
    [Id(4)] public ValueList<SpaceAxis> Space { get; init; } = ValueList<SpaceAxis>.Empty;
}

/// <summary>fifo runs every trial to the end; asha stops the worse ones at rungs (grace_steps * reduction_factor^i).</summary>
[GenerateSerializer, Alias("byol.scheduler"), Immutable]
public sealed record SchedulerSpec
{
    [Id(0)] public SchedulerKind Name { get; init; } = SchedulerKind.Fifo;
    [Id(1)] public int? GraceSteps { get; init; }
    [Id(2)] public int ReductionFactor { get; init; } = 3;
}

/// <summary>What one trial needs of a silo.</summary>
[GenerateSerializer, Alias("byol.resources"), Immutable]
public sealed record ResourcesSpec
{
    [Id(0)] public AcceleratorKind Accelerator { get; init; } = AcceleratorKind.Any;
    [Id(1)] public int Slots { get; init; } = 1;
}
