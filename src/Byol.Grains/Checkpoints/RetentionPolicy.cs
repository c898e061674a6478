namespace Byol.Grains.Checkpoints;

/// <summary>Which checkpoints of a trial survive a prune: the latest <see cref="KeepLatest"/> steps and the best
/// <see cref="KeepBest"/> steps by the caller's metric (steps without a score are never "best").</summary>
public sealed record RetentionPolicy(
    int KeepLatest = 2, int KeepBest = 1, IReadOnlyDictionary<long, double>? ScoreByStep = null, bool HigherIsBetter = true);
