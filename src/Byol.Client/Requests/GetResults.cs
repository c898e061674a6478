using Byol.Client.Api;
using Byol.Contracts.Grains;
using Mediator;

namespace Byol.Client.Requests;

/// <summary>The ranked trials of a sweep, the top <paramref name="Top"/> when given.</summary>
public sealed record GetResults(string SweepId, int? Top = null) : IQuery<SweepResults>;

public sealed class GetResultsHandler(IGrainFactory grains) : IQueryHandler<GetResults, SweepResults>
{
    public async ValueTask<SweepResults> Handle(GetResults query, CancellationToken cancellationToken) =>
        SweepResults.Of(await grains.GetGrain<IExperimentGrain>(query.SweepId).Show().WaitAsync(cancellationToken), query.Top);
}
