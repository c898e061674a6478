using Orleans.Runtime;
using Orleans.Runtime.Placement;

namespace Byol.Grains.Placement;

/// <summary>Honours the reserved silo named in the request context; else a random compatible silo.</summary>
public sealed class SlotPlacementDirector : IPlacementDirector
{
    public const string TargetSiloKey = "byol.slot-silo";

    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var compatible = context.GetCompatibleSilos(target);
        if (target.RequestContextData is { } data && data.TryGetValue(TargetSiloKey, out var value) && value is string silo)
        {
            var wanted = compatible.FirstOrDefault(s => s.ToParsableString() == silo);
            if (wanted is not null)
                return Task.FromResult(wanted);
        }
        return Task.FromResult(compatible[Random.Shared.Next(compatible.Length)]);
    }
}
