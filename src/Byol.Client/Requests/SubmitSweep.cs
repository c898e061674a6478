using Byol.Contracts.Sweeps;
using Byol.Client.Api;
using Byol.Contracts.Grains;
using Byol.Contracts.Specs;
using Mediator;

namespace Byol.Client.Requests;

/// <summary>Submits a parsed spec under a new id (or the given one); the experiment grain may still refuse it.</summary>
public sealed record SubmitSweep(SweepSpec Spec, string? SweepId = null) : ICommand<SubmitOutcome>;

public sealed class SubmitSweepHandler(IGrainFactory grains) : ICommandHandler<SubmitSweep, SubmitOutcome>
{
    public async ValueTask<SubmitOutcome> Handle(SubmitSweep command, CancellationToken cancellationToken)
    {
        var id = command.SweepId ?? SweepIds.New(command.Spec.Name);
        var result = await grains.GetGrain<IExperimentGrain>(id).Submit(command.Spec).WaitAsync(cancellationToken);
        return new SubmitOutcome(result.Accepted, id, result.Trials, result.Errors);
    }
}
