using Byol.Contracts.Grains;
using Byol.Contracts.Sweeps;
using Mediator;

namespace Byol.Client.Requests;

/// <summary>What `sweep cancel|pause|resume` asks of the experiment grain.</summary>
public enum SweepControl { Cancel, Pause, Resume }

/// <summary>Cancels, pauses or resumes a sweep; answers with its view afterwards (an unknown id fails).</summary>
public sealed record ControlSweep(string SweepId, SweepControl Action) : ICommand<SweepView>;

public sealed class ControlSweepHandler(IGrainFactory grains) : ICommandHandler<ControlSweep, SweepView>
{
    public async ValueTask<SweepView> Handle(ControlSweep command, CancellationToken cancellationToken)
    {
        var experiment = grains.GetGrain<IExperimentGrain>(command.SweepId);
        await experiment.Show().WaitAsync(cancellationToken); // fails for an unknown id before anything is done
        var call = command.Action switch
        {
            SweepControl.Cancel => experiment.Cancel(),
            SweepControl.Pause => experiment.Pause(),
            _ => experiment.Resume(),
        };
        await call.WaitAsync(cancellationToken);
        return await experiment.Show().WaitAsync(cancellationToken);
    }
}
