namespace Byol.Contracts.Specs;

/// <summary>
/// One trial of a sweep as the expander plans it: a stable id (<c>t000</c>), the parameters it sets (dotted key to
/// value, search-space order) and its seed (one of <c>search.seeds</c>).
/// </summary>
[GenerateSerializer, Alias("byol.trial_plan"), Immutable]
public sealed record TrialPlan(string Id, IReadOnlyDictionary<string, ParamValue> Params, int Seed)
{
    [Id(0)] public string Id { get; init; } = Id;

    /// <summary>Always a <see cref="ParamMap"/>, so that plans compare by value.</summary>
    [Id(1)] public IReadOnlyDictionary<string, ParamValue> Params { get; init; } = ParamMap.From(Params);

    [Id(2)] public int Seed { get; init; } = Seed;

    /// <summary><c>t003 train.tau_base=0.99 seed=1</c>.</summary>
    public string Describe() => Params.Count == 0 ? $"{Id} seed={Seed}" : $"{Id} {ParamMap.From(Params)} seed={Seed}";
}
