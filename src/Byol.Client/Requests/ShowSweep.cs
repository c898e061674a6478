using Byol.Contracts.Grains;
using Byol.Contracts.Sweeps;
using Mediator;

namespace Byol.Client.Requests;

/// <summary>The `sweep show` view; an unknown id fails with "sweep 'X' does not exist".</summary>
public sealed record ShowSweep(string SweepId) : IQuery<SweepView>;

public sealed class ShowSweepHandler(IGrainFactory grains) : IQueryHandler<ShowSweep, SweepView>
{
    public async ValueTask<SweepView> Handle(ShowSweep query, CancellationToken cancellationToken) =>
        await grains.GetGrain<IExperimentGrain>(query.SweepId).Show().WaitAsync(cancellationToken);
}
