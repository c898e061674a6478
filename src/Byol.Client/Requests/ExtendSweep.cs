using Byol.Contracts.Grains;
using Byol.Contracts.Sweeps;
using Mediator;

namespace Byol.Client.Requests;

/// <summary>Raises the sweep's trials to a budget of <paramref name="Steps"/>; answers with the view afterwards.</summary>
public sealed record ExtendSweep(string SweepId, long Steps) : ICommand<SweepView>;

public sealed class ExtendSweepHandler(IGrainFactory grains) : ICommandHandler<ExtendSweep, SweepView>
{
    public async ValueTask<SweepView> Handle(ExtendSweep command, CancellationToken cancellationToken)
    {
        if (command.Steps <= 0)
            throw new ArgumentOutOfRangeException(nameof(command), command.Steps, "--steps must be > 0");
        var experiment = grains.GetGrain<IExperimentGrain>(command.SweepId);
        await experiment.Extend(command.Steps).WaitAsync(cancellationToken);
        return await experiment.Show().WaitAsync(cancellationToken);
    }
}
