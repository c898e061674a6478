using Byol.Contracts.Specs;
using Byol.Contracts.Sweeps;
using Byol.Grains.Experiments;

namespace Byol.Grains.Tests.Experiments;

public sealed class TrialRankingTests
{
    private static TrialRecord Trial(string id, TrialState state, double? linear, double? loss = null) => new()
    {
        Plan = new TrialPlan(id, new Dictionary<string, ParamValue>(), 0),
        State = state,
        Metrics = new TrialMetrics { LinearTop1 = linear, Loss = loss },
    };

    [Fact]
    public void Completed_trials_rank_best_first_and_ties_break_by_id()
    {
        var trials = new[]
        {
            Trial("t2", TrialState.Completed, 0.7),
            Trial("t0", TrialState.Completed, 0.9),
            Trial("t1", TrialState.Completed, 0.7),
            Trial("t3", TrialState.Failed, null),
            Trial("t4", TrialState.Running, 0.95),
        };
        var ranks = TrialRanking.Rank(trials, new ObjectiveSpec { Metric = ObjectiveMetric.LinearTop1, Mode = ObjectiveMode.Max });
        Assert.Equal(new Dictionary<string, int> { ["t0"] = 1, ["t1"] = 2, ["t2"] = 3 }, ranks);
    }

    [Fact]
    public void Min_mode_ranks_the_lowest_first()
    {
        var trials = new[] { Trial("a", TrialState.Completed, null, 0.3), Trial("b", TrialState.Completed, null, 0.1) };
        var ranks = TrialRanking.Rank(trials, new ObjectiveSpec { Metric = ObjectiveMetric.Loss, Mode = ObjectiveMode.Min });
        Assert.Equal(1, ranks["b"]);
        Assert.Equal(2, ranks["a"]);
    }
}
