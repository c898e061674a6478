namespace Byol.Grains.Experiments;

/// <summary>
/// Asynchronous successive halving (Li et al. 2020): rungs at grace·η^k steps; a trial that reaches a rung goes on
/// only if its metric is in the top 1/η of those recorded at that rung so far (the cut-off is the (1 − 1/η)
/// quantile of the recorded values, so the first trial at a rung always goes on). Persisted with the experiment.
/// </summary>
[GenerateSerializer, Alias("byol.AshaRungs")]
public sealed class AshaRungs
{
    [Id(0)] public Dictionary<long, Dictionary<string, double>> Recorded { get; set; } = [];

    /// <summary>Rung steps strictly below the trial's budget.</summary>
    public static IReadOnlyList<long> Milestones(long grace, int reductionFactor, long steps)
    {
        var rungs = new List<long>();
        if (grace <= 0 || reductionFactor < 2)
            return rungs;
        for (var r = grace; r < steps; r *= reductionFactor)
            rungs.Add(r);
        return rungs;
    }

    /// <summary>Where the next segment of a trial at <paramref name="step"/> should stop.</summary>
    public static long NextStop(long step, long grace, int reductionFactor, long steps) =>
        Milestones(grace, reductionFactor, steps).FirstOrDefault(r => r > step, steps);

    /// <summary>Records the trial's metric at the rung and says whether it continues (higher is better).</summary>
    public bool RecordAndDecide(long rung, string trialId, double metric, int reductionFactor)
    {
        if (!Recorded.TryGetValue(rung, out var values))
            Recorded[rung] = values = [];
        values[trialId] = metric;
        var cutoff = Quantile(values.Values.Order().ToList(), 1.0 - 1.0 / reductionFactor);
        return metric >= cutoff;
    }

    /// <summary>Linear-interpolated quantile of sorted values (numpy's default).</summary>
    public static double Quantile(IReadOnlyList<double> sorted, double q)
    {
        if (sorted.Count == 0)
            return double.NegativeInfinity;
        var position = q * (sorted.Count - 1);
        var lower = (int)Math.Floor(position);
        var upper = Math.Min(lower + 1, sorted.Count - 1);
        return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - lower);
    }
}
