using Byol.Client.Api;
using Byol.Client.Output;
using Byol.Contracts.Specs;
using Byol.Contracts.Sweeps;

namespace Byol.Client.Tests.Output;

public sealed class ResultsCsvTests
{
    [Fact]
    public void Rows_follow_the_rank_and_fields_are_quoted_when_needed()
    {
        var view = new SweepView
        {
            Id = "s",
            Name = "n",
            Objective = new ObjectiveSpec(),
            Trials =
            [
                new TrialView { Id = "t0", Params = new Dictionary<string, ParamValue> { ["train.optimizer.name"] = "sgd" }, State = TrialState.Failed, Error = "diverged, loss NaN" },
                new TrialView { Id = "t1", Params = new Dictionary<string, ParamValue> { ["train.optimizer.name"] = "lars" }, State = TrialState.Completed, Rank = 1,
                    Metrics = new TrialMetrics { LinearTop1 = 0.25 } },
            ],
        };
        var lines = ResultsCsv.Write(SweepResults.Of(view, null)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("rank,trial,seed,state,step,steps,train.optimizer.name,loss,knn_top1,linear_top1,z_std,images_per_s,silo,restarts,error", lines[0]);
        Assert.Equal("1,t1,0,completed,0,0,lars,,,0.25,,,,0,", lines[1]);
        Assert.Equal(",t0,0,failed,0,0,sgd,,,,,,,0,\"diverged, loss NaN\"", lines[2]);
    }
}
