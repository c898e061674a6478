using Byol.Contracts.Sweeps;

namespace Byol.Client.Api;

/// <summary>
/// A sweep's trials in rank order (ranked ones first, by the objective; then the rest by id), cut to the top K when
/// asked: what `sweep results` and `sweep report` print. <see cref="Sweep"/> holds exactly these trials.
/// </summary>
public sealed record SweepResults(SweepView Sweep)
{
    public IReadOnlyList<TrialView> Trials => Sweep.Trials;

    public static SweepResults Of(SweepView view, int? top)
    {
        var ordered = view.Trials
            .OrderBy(t => t.Rank ?? int.MaxValue)
            .ThenBy(t => t.Id, StringComparer.Ordinal)
            .Take(top is > 0 ? top.Value : int.MaxValue)
            .ToList();
        return new SweepResults(view with { Trials = ordered });
    }
}
