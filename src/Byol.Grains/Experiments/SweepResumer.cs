using Byol.Contracts.Grains;
using Byol.Contracts.Sweeps;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace Byol.Grains.Experiments;

/// <summary>
/// After the whole cluster restarted, wakes every unfinished sweep listed in the (persisted) sweep registry, so its
/// experiment grain reactivates and goes on scheduling from its persisted trial table, whatever reminder service
/// is configured. Runs once on each silo as it becomes active; waking an active sweep again is harmless.
/// </summary>
public sealed class SweepResumer(IGrainFactory grains, ILogger<SweepResumer> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(SweepResumer), ServiceLifecycleStage.Active, ct =>
        {
            _ = Task.Run(WakeUnfinishedSweeps);
            return Task.CompletedTask;
        });

    private async Task WakeUnfinishedSweeps()
    {
        try
        {
            var sweeps = await grains.GetGrain<ISweepRegistryGrain>(0).List();
            foreach (var sweep in sweeps.Where(s => s.State is SweepState.Pending or SweepState.Running or SweepState.Paused))
            {
                await grains.GetGrain<IExperimentGrain>(sweep.Id).Show();
                logger.LogInformation("Resumed sweep {Sweep} after a restart", sweep.Id);
            }
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Could not wake unfinished sweeps");
        }
    }
}
