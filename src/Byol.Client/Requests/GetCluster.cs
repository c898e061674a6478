using Byol.Contracts.Cluster;
using Byol.Contracts.Grains;
using Mediator;

namespace Byol.Client.Requests;

/// <summary>The silos of the cluster with their accelerator, slots and running trainers.</summary>
public sealed record GetCluster : IQuery<IReadOnlyList<SiloView>>;

public sealed class GetClusterHandler(IGrainFactory grains) : IQueryHandler<GetCluster, IReadOnlyList<SiloView>>
{
    public async ValueTask<IReadOnlyList<SiloView>> Handle(GetCluster query, CancellationToken cancellationToken)
    {
        var silos = await grains.GetGrain<ISlotDirectoryGrain>(0).Silos().WaitAsync(cancellationToken);
        return silos.OrderBy(s => s.Capacity.Silo, StringComparer.Ordinal).ToList();
    }
}
