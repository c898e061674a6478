namespace Byol.Contracts.Specs;

/// <summary>
/// The published figures a sweep sets out to reproduce (the spec's <c>paper:</c> block). `byol sweep report` prints
/// them beside the measured ones, grouped over seeds, and says whether the measured order follows the paper's.
/// </summary>
[GenerateSerializer, Alias("byol.paper"), Immutable]
public sealed record PaperReference
{
    /// <summary>Where the figures come from: "Grill et al. 2020, Table 5(a)".</summary>
    [Id(0)] public string Source { get; init; } = "";

    /// <summary>The claim in one sentence.</summary>
    [Id(1)] public string Claim { get; init; } = "";

    /// <summary>The measured metric the paper's figures compare with (linear top-1 unless given).</summary>
    [Id(2)] public ObjectiveMetric Metric { get; init; } = ObjectiveMetric.LinearTop1;

    /// <summary>
    /// When set, the rows' values are differences from a reference row (the paper's Figure 3 plots decreases): the
    /// row matching these values with the same other keys. Measured values are shown the same way.
    /// </summary>
    [Id(3)] public ParamMap? RelativeTo { get; init; }

    [Id(4)] public ValueList<PaperRow> Rows { get; init; } = ValueList<PaperRow>.Empty;

    /// <summary>What the paper's values measure: "ImageNet linear top-1 %, ResNet-50, 300 epochs".</summary>
    [Id(5)] public string Setting { get; init; } = "";
}

/// <summary>
/// One row of the paper's table: the trials it stands for (search-space values they all have) and the paper's figure
/// (null where the paper gives none, so the row is measured only).
/// </summary>
[GenerateSerializer, Alias("byol.paper_row"), Immutable]
public sealed record PaperRow
{
    [Id(0)] public string Label { get; init; } = "";
    [Id(1)] public ParamMap Match { get; init; } = ParamMap.Empty;
    [Id(2)] public double? Value { get; init; }

    /// <summary>True when <paramref name="parameters"/> has every value of <see cref="Match"/>.</summary>
    public bool Matches(IReadOnlyDictionary<string, ParamValue> parameters) =>
        Match.All(m => parameters.TryGetValue(m.Key, out var v) && v.ToString() == m.Value.ToString());
}
