using Byol.Contracts.Cluster;

namespace Byol.Contracts.Grains;

/// <summary>
/// Cluster-wide view of trainer slots (key 0). Silos register their capacity; experiment grains reserve a slot
/// for a trial before activating its trainer there, and release it when the trial's segment ends. Reservations
/// on silos that left the cluster are dropped.
/// </summary>
[Alias("byol.ISlotDirectoryGrain")]
public interface ISlotDirectoryGrain : IGrainWithIntegerKey
{
    [Alias("RegisterSilo")] Task RegisterSilo(SiloCapacity capacity);
    /// <summary>Every few seconds: the silo's capacity and the holders it really runs.</summary>
    [Alias("Heartbeat")] Task Heartbeat(SiloCapacity capacity, IReadOnlyList<string> holders);
    [Alias("UnregisterSilo")] Task UnregisterSilo(string silo);
    /// <summary>A silo with a free slot of the accelerator ("any", "cuda", "cpu"), reserved for <paramref name="holder"/>; null when none is free.</summary>
    [Alias("Reserve")] Task<string?> Reserve(string accelerator, string holder);
    [Alias("Release")] Task Release(string holder);
    /// <summary>Whether any live silo could ever host the accelerator (has slots of it).</summary>
    [Alias("CanEverHost")] Task<bool> CanEverHost(string accelerator);
    [Alias("Silos")] Task<IReadOnlyList<SiloView>> Silos();
}
