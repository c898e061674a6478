using Byol.Contracts.Grains;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace Byol.Grains.Slots;

/// <summary>
/// Advertises this silo's slots to the directory once the silo is active and every few seconds after; on a
/// clean shutdown it drains the trainers running here (each checkpoints and stops, to resume elsewhere) and
/// withdraws the silo before it leaves the cluster.
/// </summary>
public sealed class SlotRegistration(
    LocalSlots slots,
    IGrainFactory grains,
    ILocalSiloDetails silo,
    ILogger<SlotRegistration> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    public static readonly TimeSpan HeartbeatPeriod = TimeSpan.FromSeconds(3);
    private readonly CancellationTokenSource stopping = new();
    private Task? heartbeats;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(SlotRegistration), ServiceLifecycleStage.Active, StartAsync, StopAsync);

    private string SiloName => silo.SiloAddress.ToParsableString();

    private Task StartAsync(CancellationToken ct)
    {
        heartbeats = Task.Run(HeartbeatLoop, CancellationToken.None);
        logger.LogInformation("Silo {Silo} offers {Slots} {Accelerator} slot(s)", SiloName, slots.Capacity, slots.Accelerator);
        return Task.CompletedTask;
    }

    private async Task HeartbeatLoop()
    {
        var directory = grains.GetGrain<ISlotDirectoryGrain>(0);
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await directory.Heartbeat(slots.Describe(SiloName), slots.Holders);
            }
            catch (Exception e) when (!stopping.IsCancellationRequested)
            {
                logger.LogDebug(e, "Slot heartbeat failed; retrying");
            }
            try { await Task.Delay(HeartbeatPeriod, stopping.Token); }
            catch (OperationCanceledException) { }
        }
    }

    private async Task StopAsync(CancellationToken ct)
    {
        stopping.Cancel();
        if (heartbeats is not null)
            await heartbeats.WaitAsync(TimeSpan.FromSeconds(5), CancellationToken.None).ContinueWith(_ => { }, CancellationToken.None);
        if (ct.IsCancellationRequested)
            return; // killed, not stopped: nothing to hand over
        var trainers = slots.Holders.Where(h => h.StartsWith(TrainerKeys.Prefix, StringComparison.Ordinal)).ToList();
        foreach (var holder in trainers)
        {
            try
            {
                await grains.GetGrain<ITrainerGrain>(TrainerKeys.GrainKey(holder)).Drain().WaitAsync(TimeSpan.FromSeconds(60), ct);
                logger.LogInformation("Drained {Trainer} before shutdown", holder);
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Could not drain {Trainer} before shutdown", holder);
            }
        }
        try
        {
            await grains.GetGrain<ISlotDirectoryGrain>(0).UnregisterSilo(SiloName).WaitAsync(TimeSpan.FromSeconds(5), ct);
        }
        catch (Exception e)
        {
            logger.LogDebug(e, "Could not withdraw the silo from the slot directory");
        }
    }
}
