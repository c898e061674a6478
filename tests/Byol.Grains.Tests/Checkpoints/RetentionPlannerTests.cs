using Byol.Grains.Checkpoints;

namespace Byol.Grains.Tests.Checkpoints;

public sealed class RetentionPlannerTests
{
    private static readonly IReadOnlyList<CheckpointRef> Five =
        [.. new long[] { 100, 200, 300, 400, 500 }.Select(s => new CheckpointRef("s", "t", s, new string('0', 64), 1, 1, DateTimeOffset.UnixEpoch))];

    private static IEnumerable<long> Kept(RetentionPolicy policy) =>
        Five.Select(c => c.Step).Except(RetentionPlanner.ToDelete(Five, policy).Select(c => c.Step));

    [Fact]
    public void Default_KeepsTheLatestTwo() => Assert.Equal([400L, 500L], Kept(new RetentionPolicy()));

    [Fact]
    public void BestIsChosenByScoreDirection()
    {
        var loss = new Dictionary<long, double> { [100] = 0.1, [200] = 0.5, [300] = 0.05 };
        Assert.Equal([100L, 300L, 400L, 500L], Kept(new RetentionPolicy(2, 2, loss, HigherIsBetter: false)));
        Assert.Equal([200L, 400L, 500L], Kept(new RetentionPolicy(2, 1, loss)));
    }

    [Fact]
    public void KeepingNoLatest_IsRejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => RetentionPlanner.ToDelete(Five, new RetentionPolicy(KeepLatest: 0)));
}
