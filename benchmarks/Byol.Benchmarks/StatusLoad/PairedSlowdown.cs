namespace Byol.Benchmarks.StatusLoad;

/// <summary>
/// The slowdown of each loaded phase against the unloaded phases next to it (the mean of the one before and the one
/// after; the one before alone for a last phase), so that the machine's drift over the run, which on a shared host is
/// larger than the effect, cancels within each pair.
/// </summary>
public static class PairedSlowdown
{
    /// <param name="phases">Images/s of alternating phases, unloaded first.</param>
    /// <returns>Per loaded phase: (1 - its rate / its neighbours' mean rate) x 100.</returns>
    public static IReadOnlyList<double> PercentPerLoadedPhase(IReadOnlyList<(bool Loaded, double Rate)> phases)
    {
        var percents = new List<double>();
        for (var i = 0; i < phases.Count; i++)
        {
            if (!phases[i].Loaded)
                continue;
            var neighbours = new[] { i - 1, i + 1 }
                .Where(j => j >= 0 && j < phases.Count && !phases[j].Loaded)
                .Select(j => phases[j].Rate).ToArray();
            if (neighbours.Length > 0)
                percents.Add((1 - phases[i].Rate / neighbours.Average()) * 100);
        }
        return percents;
    }
}
