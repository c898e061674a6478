using Byol.Contracts.Grains;
using Byol.Contracts.Sweeps;
using Mediator;

namespace Byol.Client.Requests;

/// <summary>Every sweep the registry knows, newest first.</summary>
public sealed record ListSweeps : IQuery<IReadOnlyList<SweepSummary>>;

public sealed class ListSweepsHandler(IGrainFactory grains) : IQueryHandler<ListSweeps, IReadOnlyList<SweepSummary>>
{
    public async ValueTask<IReadOnlyList<SweepSummary>> Handle(ListSweeps query, CancellationToken cancellationToken)
    {
        var sweeps = await grains.GetGrain<ISweepRegistryGrain>(0).List().WaitAsync(cancellationToken);
        return sweeps.OrderByDescending(s => s.SubmittedAt).ThenBy(s => s.Id, StringComparer.Ordinal).ToList();
    }
}
