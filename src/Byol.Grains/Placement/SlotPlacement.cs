using Orleans.Placement;
using Orleans.Runtime;

namespace Byol.Grains.Placement;

/// <summary>
/// Places an activation on the silo whose slot was reserved for it (passed as the placement hint by the caller).
/// Without a hint it picks any compatible silo; the grain itself then enforces the silo's slot count.
/// </summary>
[Serializable, GenerateSerializer, Immutable, SuppressReferenceTracking]
public sealed class SlotPlacement : PlacementStrategy
{
    public static SlotPlacement Instance { get; } = new();
}

/// <summary>Marks a grain class as needing a trainer slot on its silo.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class SlotPlacementAttribute() : PlacementAttribute(SlotPlacement.Instance);
