namespace Byol.Grains.Checkpoints;

/// <summary>Decides which checkpoints a prune deletes. Pure, so every store prunes alike.</summary>
public static class RetentionPlanner
{
    /// <summary>The checkpoints to delete: all but the latest <c>KeepLatest</c> steps and the best <c>KeepBest</c>
    /// scored steps (ties go to the later step).</summary>
    public static IReadOnlyList<CheckpointRef> ToDelete(IReadOnlyList<CheckpointRef> checkpoints, RetentionPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentOutOfRangeException.ThrowIfLessThan(policy.KeepLatest, 1, nameof(policy.KeepLatest));
        ArgumentOutOfRangeException.ThrowIfNegative(policy.KeepBest, nameof(policy.KeepBest));

        var keep = new HashSet<long>(checkpoints
            .Select(c => c.Step)
            .Distinct()
            .OrderByDescending(s => s)
            .Take(policy.KeepLatest));

        if (policy.ScoreByStep is { } scores && policy.KeepBest > 0)
        {
            var scored = checkpoints
                .Select(c => c.Step)
                .Distinct()
                .Where(s => scores.TryGetValue(s, out var v) && !double.IsNaN(v))
                .Select(s => (Step: s, Score: scores[s]));
            var ranked = policy.HigherIsBetter
                ? scored.OrderByDescending(x => x.Score).ThenByDescending(x => x.Step)
                : scored.OrderBy(x => x.Score).ThenByDescending(x => x.Step);
            keep.UnionWith(ranked.Take(policy.KeepBest).Select(x => x.Step));
        }

        return checkpoints.Where(c => !keep.Contains(c.Step)).ToList();
    }
}
