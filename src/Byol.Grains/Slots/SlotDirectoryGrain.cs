using Byol.Contracts.Cluster;
using Byol.Contracts.Grains;
using Orleans.Runtime;

namespace Byol.Grains.Slots;

/// <summary>
/// The cluster's slot ledger. Soft state: silos re-register every few seconds with the holders they really run,
/// so a reactivated directory rebuilds itself, and reservations on silos that left are dropped.
/// </summary>
public sealed class SlotDirectoryGrain(IClusterMembershipService membership) : Grain, ISlotDirectoryGrain
{
    private static readonly TimeSpan ReservationGrace = TimeSpan.FromSeconds(60);
    private readonly Dictionary<string, SiloCapacity> silos = [];
    private readonly Dictionary<string, Reservation> reservations = [];
    private readonly Dictionary<string, IReadOnlyList<string>> reportedHolders = [];

    private sealed record Reservation(string Silo, DateTimeOffset Since);

    public Task RegisterSilo(SiloCapacity capacity) => Heartbeat(capacity, []);

    public Task Heartbeat(SiloCapacity capacity, IReadOnlyList<string> holders)
    {
        silos[capacity.Silo] = capacity;
        reportedHolders[capacity.Silo] = holders;
        foreach (var holder in holders)
            reservations.TryAdd(holder, new Reservation(capacity.Silo, DateTimeOffset.UtcNow));
        var now = DateTimeOffset.UtcNow;
        foreach (var (holder, r) in reservations.ToList())
        {
            if (r.Silo == capacity.Silo && !holders.Contains(holder) && now - r.Since > ReservationGrace)
                reservations.Remove(holder);
        }
        return Task.CompletedTask;
    }

    public Task UnregisterSilo(string silo)
    {
        silos.Remove(silo);
        reportedHolders.Remove(silo);
        foreach (var (holder, r) in reservations.ToList())
            if (r.Silo == silo)
                reservations.Remove(holder);
        return Task.CompletedTask;
    }

    public Task<string?> Reserve(string accelerator, string holder)
    {
        DropDeadSilos();
        if (reservations.TryGetValue(holder, out var existing))
            return Task.FromResult<string?>(existing.Silo);
        var candidate = silos.Values
            .Where(s => Matches(s, accelerator))
            .Select(s => (Silo: s, Free: s.Slots - reservations.Values.Count(r => r.Silo == s.Silo)))
            .Where(s => s.Free > 0)
            .OrderByDescending(s => s.Free)
            .ThenBy(_ => Random.Shared.Next())
            .Select(s => s.Silo.Silo)
            .FirstOrDefault();
        if (candidate is not null)
            reservations[holder] = new Reservation(candidate, DateTimeOffset.UtcNow);
        return Task.FromResult(candidate);
    }

    public Task Release(string holder)
    {
        reservations.Remove(holder);
        return Task.CompletedTask;
    }

    public Task<bool> CanEverHost(string accelerator)
    {
        DropDeadSilos();
        return Task.FromResult(silos.Values.Any(s => Matches(s, accelerator)));
    }

    public Task<IReadOnlyList<SiloView>> Silos()
    {
        DropDeadSilos();
        IReadOnlyList<SiloView> views = silos.Values
            .OrderBy(s => s.Silo)
            .Select(s => new SiloView(s, Status(s.Silo),
                reportedHolders.GetValueOrDefault(s.Silo) ?? [],
                reservations.Values.Count(r => r.Silo == s.Silo)))
            .ToList();
        return Task.FromResult(views);
    }

    private static bool Matches(SiloCapacity silo, string accelerator) =>
        silo.Slots > 0 && (accelerator is "any" or "" || silo.Accelerator == accelerator);

    private string Status(string silo) =>
        membership.CurrentSnapshot.Members.Values.FirstOrDefault(m => m.SiloAddress.ToParsableString() == silo)?.Status.ToString() ?? "Unknown";

    private void DropDeadSilos()
    {
        var snapshot = membership.CurrentSnapshot;
        foreach (var silo in silos.Keys.ToList())
        {
            var member = snapshot.Members.Values.FirstOrDefault(m => m.SiloAddress.ToParsableString() == silo);
            if (member is not null && member.Status is SiloStatus.Dead or SiloStatus.ShuttingDown or SiloStatus.Stopping)
                UnregisterSilo(silo);
        }
    }
}
